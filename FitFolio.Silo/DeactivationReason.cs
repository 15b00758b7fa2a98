namespace FitFolio.Silo;

public enum DeactivationReason
{
    /// <summary>Not called for longer than the idle timeout.</summary>
    Idle,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    Requested,

    /// <summary>A membership change made another silo this grain's home.</summary>
    PlacementChanged,

    /// <summary>The silo is shutting down gracefully.</summary>
    SiloStopping,
}
