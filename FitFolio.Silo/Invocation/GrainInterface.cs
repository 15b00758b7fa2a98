using System.Collections.Frozen;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Silo.Invocation;

/// <summary>A registered grain interface, its implementation and its method table.</summary>
internal sealed class GrainInterface
{
    private readonly FrozenDictionary<MethodInfo, GrainMethod> _byMethod;
    private readonly FrozenDictionary<string, GrainMethod> _byId;

    public GrainInterface(Type interfaceType, Type implementationType)
    {
        if (!interfaceType.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(interfaceType))
        {
            throw new ArgumentException($"{interfaceType} must be an interface extending {nameof(IGrainWithStringKey)}.", nameof(interfaceType));
        }

        if (!interfaceType.IsAssignableFrom(implementationType) || !typeof(Grain).IsAssignableFrom(implementationType) || implementationType.IsAbstract)
        {
            throw new ArgumentException($"{implementationType} must be a concrete {nameof(Grain)} implementing {interfaceType}.", nameof(implementationType));
        }

        InterfaceType = interfaceType;
        ImplementationType = implementationType;
        Name = interfaceType.GetCustomAttribute<GrainTypeAttribute>()?.Name ?? interfaceType.Name;
        Reentrant = implementationType.IsDefined(typeof(ReentrantAttribute), inherit: false);
        Factory = ActivatorUtilities.CreateFactory(implementationType, Type.EmptyTypes);

        var methods = new List<GrainMethod>();
        foreach (var type in new[] { interfaceType }.Concat(interfaceType.GetInterfaces()))
        {
            foreach (var method in type.GetMethods())
            {
                methods.Add(Create(method));
            }
        }

        _byMethod = methods.ToFrozenDictionary(m => m.Method);
        _byId = methods.ToFrozenDictionary(m => m.Id, StringComparer.Ordinal);
        HasInterleaving = Reentrant || methods.Exists(m => m.AlwaysInterleave);
    }

    public Type InterfaceType { get; }

    public Type ImplementationType { get; }

    public string Name { get; }

    public bool Reentrant { get; }

    /// <summary>Calls may interleave, so turns run on the activation's exclusive scheduler.</summary>
    public bool HasInterleaving { get; }

    public ObjectFactory Factory { get; }

    public GrainMethod this[MethodInfo method] => _byMethod[method];

    public bool TryGetMethod(string id, out GrainMethod method) => _byId.TryGetValue(id, out method!);

    private GrainMethod Create(MethodInfo method)
    {
        var returnType = method.ReturnType;
        var (shape, result) = returnType switch
        {
            _ when returnType == typeof(Task) => (ReturnShape.Task, typeof(object)),
            _ when returnType == typeof(ValueTask) => (ReturnShape.ValueTask, typeof(object)),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(Task<>) => (ReturnShape.TaskOfT, returnType.GetGenericArguments()[0]),
            { IsGenericType: true } when returnType.GetGenericTypeDefinition() == typeof(ValueTask<>) => (ReturnShape.ValueTaskOfT, returnType.GetGenericArguments()[0]),
            _ => throw new ArgumentException($"{InterfaceType.Name}.{method.Name} returns {returnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>."),
        };

        if (method.IsGenericMethodDefinition || method.GetParameters().Any(p => p.ParameterType.IsByRef))
        {
            throw new ArgumentException($"{InterfaceType.Name}.{method.Name}: grain methods cannot be generic or take ref/out parameters.");
        }

        var type = typeof(GrainMethod<>).MakeGenericType(result);
        return (GrainMethod)Activator.CreateInstance(type, this, method, shape)!;
    }
}
