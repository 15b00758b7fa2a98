using FitFolio.Tests.Api;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// Two FitFolio hosts (two silos of one cluster) on a database of their own, with the Orleans
/// Dashboard as configured by default and one admin address.
/// </summary>
public sealed class DashboardCluster(PostgresServer server) : IAsyncLifetime
{
    public const string AdminEmail = "ops@fitfolio.example";

    public static Dictionary<string, string?> Settings { get; } = new(PasskeyApi.GenerousPasskeyLimits) { ["Auth:AdminEmails:0"] = AdminEmail };

    public TestDatabase Database { get; } = new(server);

    /// <summary>A database of its own for another cluster.</summary>
    public async Task<TestDatabase> NewDatabaseAsync()
    {
        var database = new TestDatabase(server);
        await database.InitializeAsync();
        return database;
    }

    public ApiCluster Cluster { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Cluster = await ApiCluster.StartAsync(Database.ConnectionString, 2, Settings);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}
