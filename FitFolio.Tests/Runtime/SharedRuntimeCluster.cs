using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Three silos and a database shared by one test class whose tests leave the cluster whole
/// (a TestingHost deployment costs 10–20 s here); tests that stop or kill silos start their own.
/// </summary>
public abstract class SharedRuntimeCluster(PostgresServer server) : IAsyncLifetime
{
    public TestDatabase Database { get; } = new(server);

    public OrleansTestCluster Cluster { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public IGrainFactory On(int silo) => Cluster.Grains(Cluster.Silos[silo]);

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Cluster = await RuntimeCluster.StartAsync(Database.ConnectionString, 3, Settings);
    }

    public async ValueTask DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        await Database.DisposeAsync();
    }
}
