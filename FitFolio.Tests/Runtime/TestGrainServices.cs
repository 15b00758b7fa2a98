using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// What the test grains need on every silo, beside production's configuration: the counters' database and the test-controlled gates and recorders.
/// </summary>
public sealed class TestGrainServices : ISiloConfigurator
{
    public const string PostgresSetting = "ConnectionStrings:Postgres";

    public void Configure(ISiloBuilder siloBuilder)
    {
        var postgres = ProductionSiloConfigurator.SettingsOf(siloBuilder)[PostgresSetting]
            ?? throw new InvalidOperationException($"The test cluster needs {PostgresSetting} for its counters.");
        siloBuilder.Services.AddSingleton(_ => new CounterRows(NpgsqlDataSource.Create(postgres)));
        siloBuilder.Services.AddSingleton<GateKeeper>();
        siloBuilder.Services.AddSingleton<LifecycleRecorder>();
    }
}
