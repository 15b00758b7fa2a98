using FitFolio.Api.Database;
using Microsoft.Extensions.Logging.Abstractions;
using FitFolio.Tests.Infrastructure;
using Npgsql;
using Orleans.TestingHost;

namespace FitFolio.Tests.Runtime;

/// <summary>Starts an <see cref="OrleansTestCluster"/> whose silos run the test grains, their counters on the given PostgreSQL database.</summary>
public static class RuntimeCluster
{
    public static Task<OrleansTestCluster> StartAsync(string postgres, int silos, IDictionary<string, string?>? settings = null, string? clusterId = null) =>
        StartAsync<TestGrainServices>(postgres, silos, settings, clusterId);

    /// <summary>The same with <typeparamref name="TServices"/> (which must add <see cref="TestGrainServices"/>' services) on every silo.</summary>
    public static async Task<OrleansTestCluster> StartAsync<TServices>(
        string postgres, int silos, IDictionary<string, string?>? settings = null, string? clusterId = null)
        where TServices : ISiloConfigurator, new()
    {
        await using (var dataSource = NpgsqlDataSource.Create(postgres))
        {
            // Every silo's grain storage reads its queries from the migrated schema as it starts.
            await new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationSource.Embedded);
            await CounterRows.CreateTableAsync(dataSource);
        }

        var values = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            [TestGrainServices.PostgresSetting] = postgres,
        };
        return await OrleansTestCluster.StartAsync<TServices>(silos, values, clusterId);
    }
}
