using System.Collections.Concurrent;

namespace FitFolio.Silo.Invocation;

/// <summary>Every grain type this silo can host, by interface and by stable name.</summary>
internal sealed class GrainTypeRegistry
{
    private readonly Dictionary<Type, GrainInterface> _byInterface = [];
    private readonly Dictionary<string, GrainInterface> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, Func<GrainReference, object>> _proxyFactories = new();

    public void Register(Type interfaceType, Type implementationType)
    {
        var grainInterface = new GrainInterface(interfaceType, implementationType);
        if (_byName.TryGetValue(grainInterface.Name, out var existing) && existing.InterfaceType != interfaceType)
        {
            throw new ArgumentException($"Grain type name '{grainInterface.Name}' is used by both {existing.InterfaceType} and {interfaceType}; give one a [GrainType].");
        }

        _byInterface[interfaceType] = grainInterface;
        _byName[grainInterface.Name] = grainInterface;
    }

    public GrainInterface Get(Type interfaceType) =>
        _byInterface.TryGetValue(interfaceType, out var grainInterface)
            ? grainInterface
            : throw new ArgumentException($"{interfaceType.Name} is not a registered grain interface; register it with AddGrain.");

    public bool TryGet(string name, out GrainInterface grainInterface) => _byName.TryGetValue(name, out grainInterface!);

    public object CreateProxy(Type interfaceType, GrainReference reference) =>
        _proxyFactories.GetOrAdd(interfaceType, GrainProxy.CreateFactory)(reference);
}
