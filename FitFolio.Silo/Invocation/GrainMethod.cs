using System.Reflection;
using System.Text.Json;

namespace FitFolio.Silo.Invocation;

/// <summary>
/// One grain interface method, with everything a call needs precompiled: how to invoke it on an
/// instance, how to hand the result back in the shape the caller declared, and how to move its
/// arguments and result across silos as JSON.
/// </summary>
internal abstract class GrainMethod
{
    protected GrainMethod(GrainInterface owner, MethodInfo method)
    {
        Owner = owner;
        Method = method;
        ParameterTypes = method.GetParameters().Select(p => p.ParameterType).ToArray();
        Id = $"{method.Name}({string.Join(',', ParameterTypes.Select(t => t.Name))})";
        AlwaysInterleave = method.IsDefined(typeof(AlwaysInterleaveAttribute), inherit: false);
        SpanName = owner.Name + "/" + method.Name;
    }

    public GrainInterface Owner { get; }

    public MethodInfo Method { get; }

    /// <summary>Stable within the interface: name and parameter type names.</summary>
    public string Id { get; }

    public Type[] ParameterTypes { get; }

    /// <summary>The name of this call's activity, <c>GrainType/Method</c>, built once rather than per call.</summary>
    public string SpanName { get; }

    public bool AlwaysInterleave { get; }

    /// <summary>What the proxy returns to the caller: Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public abstract object Call(SiloRuntime runtime, GrainId grainId, object?[] arguments);

    /// <summary>Runs a call that arrived from another silo and writes its result as JSON.</summary>
    public abstract Task WriteResultAsync(SiloRuntime runtime, GrainId grainId, object?[] arguments, Utf8JsonWriter writer);
}
