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
        // DispatchProxy.Create goes through reflection each time (about a microsecond); the type it
        // generates is the same every time, so build it once and compile a plain constructor call.
        var proxyType = Create(interfaceType, typeof(GrainProxy)).GetType();
        var constructor = proxyType.GetConstructor(Type.EmptyTypes);
        if (constructor is null)
        {
            return reference => Attach(Create(interfaceType, typeof(GrainProxy)), reference);
        }

        var create = System.Linq.Expressions.Expression.Lambda<Func<object>>(System.Linq.Expressions.Expression.New(constructor)).Compile();
        return reference => Attach(create(), reference);
    }

    private static object Attach(object proxy, GrainReference reference)
    {
        ((GrainProxy)proxy)._reference = reference;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var reference = _reference;
        return reference.Interface[targetMethod].Call(reference.Runtime, reference.GrainId, args ?? []);
    }

    public override string ToString() => _reference.GrainId.ToString();
}
