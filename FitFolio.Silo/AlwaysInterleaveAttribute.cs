namespace FitFolio.Silo;

/// <summary>
/// On a grain interface method: calls to it interleave with any other call, even on a
/// non-reentrant grain. Meant for read-only methods that must not queue behind slow writes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class AlwaysInterleaveAttribute : Attribute;
