namespace FitFolio.Silo;

/// <summary>
/// Lets calls to this grain interleave at await points. Grain code still runs on one thread at a
/// time (the activation's exclusive scheduler), so it still needs no locks, but state may change
/// across an await.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReentrantAttribute : Attribute;
