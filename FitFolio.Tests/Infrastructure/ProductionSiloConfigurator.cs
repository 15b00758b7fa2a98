using FitFolio.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// The silo configuration every TestingHost silo gets: production's <c>AddFitFolioSilo</c>, given
/// only the settings <see cref="OrleansTestCluster"/> puts under <see cref="Section"/> (so nothing
/// TestingHost adds to its own configuration can change what the silo runs). TestingHost builds
/// configurators by type name, hence the parameterless class and the configuration hand-over.
/// </summary>
public sealed class ProductionSiloConfigurator : ISiloConfigurator
{
    public const string Section = "FitFolio";

    public void Configure(ISiloBuilder siloBuilder) => siloBuilder.AddFitFolioSilo(SettingsOf(siloBuilder));

    /// <summary>The FitFolio settings the cluster was started with, as a configuration of their own.</summary>
    public static IConfiguration SettingsOf(ISiloBuilder siloBuilder) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(siloBuilder.Configuration.GetSection(Section).AsEnumerable(makePathsRelative: true))
            .Build();
}
