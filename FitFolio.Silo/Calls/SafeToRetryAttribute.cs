namespace FitFolio.Silo.Calls;

/// <summary>
/// Marks a grain method whose repetition changes nothing a caller could tell apart: a read, or a
/// change to memory-only state that a crash would have lost anyway. When the silo holding the
/// grain dies, such a call is made again (see <see cref="RetrySafeCallsFilter"/>) instead of
/// failing the request; every other call fails, because it may have run before the silo died.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = true)]
public sealed class SafeToRetryAttribute : Attribute;
