namespace FitFolio.Silo.Membership;

public enum SiloStatus
{
    /// <summary>Hosts grains and takes calls.</summary>
    Active,

    /// <summary>Leaving gracefully: no longer a placement target, still flushing its grains.</summary>
    ShuttingDown,

    /// <summary>Gone: left, or declared dead after missing heartbeats. Never comes back under this id.</summary>
    Dead,
}
