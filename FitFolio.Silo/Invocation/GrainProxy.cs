using System.Reflection;

namespace FitFolio.Silo.Invocation;

/// <summary>
/// The object a caller holds for a grain: implements the grain interface and turns each call
/// into a runtime dispatch. A source generator would avoid the argument array; DispatchProxy keeps
/// the runtime small, and the hot path after it allocates little.
/// </summary>
public class GrainProxy : DispatchProxy
{
    private GrainReference _reference = null!;

    internal static Func<GrainReference, object> CreateFactory(Type interfaceType)
    {
        return reference =>
        {
            var proxy = Create(interfaceType, typeof(GrainProxy));
            ((GrainProxy)proxy)._reference = reference;
            return proxy;
        };
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var reference = _reference;
        return reference.Interface[targetMethod].Call(reference.Runtime, reference.GrainId, args ?? []);
    }

    public override string ToString() => _reference.GrainId.ToString();
}
