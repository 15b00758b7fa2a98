using FitFolio.Silo.Invocation;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Silo.Hosting;

/// <summary>Registers the grain types a silo hosts.</summary>
public sealed class SiloBuilder
{
    private readonly GrainTypeRegistry _registry;

    internal SiloBuilder(IServiceCollection services, GrainTypeRegistry registry)
    {
        Services = services;
        _registry = registry;
    }

    public IServiceCollection Services { get; }

    public SiloBuilder AddGrain<TGrainInterface, TGrain>()
        where TGrainInterface : IGrainWithStringKey
        where TGrain : Grain, TGrainInterface
    {
        _registry.Register(typeof(TGrainInterface), typeof(TGrain));
        return this;
    }
}
