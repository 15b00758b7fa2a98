using System.Diagnostics.Metrics;
using FitFolio.Silo.Diagnostics;
using FitFolio.Silo.Invocation;
using FitFolio.Silo.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Silo.Hosting;

public static class SiloServiceCollectionExtensions
{
    /// <summary>
    /// Hosts a silo in this process: the grain runtime, its internal endpoint and its membership.
    /// Needs an <see cref="NpgsqlDataSource"/> registered, and the <c>Silo</c> and <c>Cluster</c> sections.
    /// </summary>
    public static SiloBuilder AddSilo(this IServiceCollection services, IConfiguration configuration)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(GrainTypeRegistry))?.ImplementationInstance as GrainTypeRegistry;
        if (existing is not null)
        {
            return new SiloBuilder(services, existing);
        }

        var registry = new GrainTypeRegistry();
        services.AddSingleton(registry);
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection(SiloOptions.Section)).ValidateOnStart();
        services.AddOptions<ClusterOptions>().Bind(configuration.GetSection(ClusterOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SiloOptions>, SiloOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ClusterOptions>, ClusterOptionsValidator>());
        services.AddSingleton<SiloLog>();
        services.AddSingleton(sp => new SiloRuntime(
            sp,
            sp.GetRequiredService<IOptions<SiloOptions>>().Value,
            registry,
            sp.GetRequiredService<SiloLog>(),
            GrainJson.Options,
            sp.GetService<IMeterFactory>()));
        services.AddSingleton<IGrainFactory>(sp => sp.GetRequiredService<SiloRuntime>());
        services.AddSingleton<IGrainStorage>(sp => new PostgresGrainStorage(sp.GetRequiredService<NpgsqlDataSource>(), GrainJson.Options));
        services.AddSingleton(sp => new Silo(
            sp.GetRequiredService<SiloRuntime>(),
            sp.GetRequiredService<IOptions<SiloOptions>>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>(),
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<SiloLog>()));
        services.AddHostedService(sp => sp.GetRequiredService<Silo>());
        return new SiloBuilder(services, registry);
    }
}
