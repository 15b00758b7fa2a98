using System.Globalization;
using FitFolio.Silo.Readiness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Silos in this test process on Orleans' TestingHost, each configured exactly as a FitFolio
/// replica (<see cref="ProductionSiloConfigurator"/>): Redis membership and the Redis grain
/// directory, over TCP. TestingHost's own membership, directory and client are never used; tests
/// call grains through a silo's own <see cref="IGrainFactory"/>, as the co-hosted front door does.
/// A TestingHost kill is not a crash (the silo still marks itself dead): missed-probe detection is
/// proven with processes (Runtime/FailureDetectionTests).
/// </summary>
public sealed class OrleansTestCluster : IAsyncDisposable
{
    private readonly TestCluster _cluster;
    private readonly List<SiloHandle> _running = [];

    private OrleansTestCluster(TestCluster cluster) => _cluster = cluster;

    public string ClusterId => _cluster.Options.ClusterId;

    /// <summary>The silos started and not yet stopped or killed, in start order.</summary>
    public IReadOnlyList<SiloHandle> Silos => _running;

    /// <summary>
    /// Starts <paramref name="silos"/> silos with production's configuration plus
    /// <paramref name="settings"/> (FitFolio keys such as <c>Silo:CallTimeout</c>), and what
    /// <typeparamref name="TServices"/> adds (test grains' dependencies), then waits until every
    /// silo sees all of them active. Silos get the run's cluster certificate (mutual TLS, as in
    /// production) unless <paramref name="settings"/> say otherwise; a <paramref name="clusterId"/>
    /// of an existing cluster makes these silos try to join it.
    /// </summary>
    public static async Task<OrleansTestCluster> StartAsync<TServices>(int silos, IDictionary<string, string?>? settings = null, string? clusterId = null)
        where TServices : ISiloConfigurator, new()
    {
        var builder = new TestClusterBuilder(checked((short)silos));
        // TestingHost's own ids are timestamps to the millisecond: classes starting together on one Redis would share a cluster.
        builder.Options.ClusterId = clusterId ?? "test-" + Guid.NewGuid().ToString("N");
        builder.Options.UseTestClusterMembership = false;
        builder.Options.InitializeClientOnDeploy = false;
        builder.Options.ConfigureFileLogging = false;
        builder.Options.UseRealEnvironmentStatistics = true;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        var values = SiloSettings(builder.Options.ClusterId, settings);
        builder.ConfigureHostConfiguration(configuration => configuration.AddInMemoryCollection(
            values.Select(v => KeyValuePair.Create($"{ProductionSiloConfigurator.Section}:{v.Key}", v.Value))));
        builder.AddSiloBuilderConfigurator<ProductionSiloConfigurator>();
        builder.AddSiloBuilderConfigurator<TServices>();

        var cluster = new OrleansTestCluster(builder.Build());
        try
        {
            await cluster._cluster.DeployAsync();
            cluster._running.AddRange(cluster._cluster.Silos);
            // Silos joining another cluster see its silos too: the caller waits for what it expects.
            if (clusterId is null)
            {
                await cluster.WaitUntilWholeAsync();
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// What every test silo of cluster <paramref name="clusterId"/> is configured with: the run's Redis, a free port and
    /// the cluster certificate (mutual TLS, as in production), then <paramref name="settings"/> over them.
    /// TLS stays on in every test cluster because nothing measured says to turn it off: a TLS silo costs no more CPU per
    /// cross-silo call than a plain one (bench cross-silo at the same load: 59 and 63 us/call) and a connection's handshake
    /// is paid once. What slowed the full suite after SiloTlsTests was not TLS but the refused intruders those tests started
    /// in this process: declared Dead while still starting, they outlived their test (silo port still listening, watchdog and
    /// LocalGrainDirectory's membership loop still running). A silo expected to be refused is therefore a process of its own.
    /// </summary>
    public static Dictionary<string, string?> SiloSettings(string clusterId, IDictionary<string, string?>? settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = RedisServer.ConnectionString,
            ["Cluster:Id"] = clusterId,
            ["Silo:Port"] = "0",
        };
        foreach (var (key, value) in SiloTlsFiles.Settings())
        {
            values[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        return values;
    }

    public IServiceProvider Services(SiloHandle silo) => _cluster.GetSiloServiceProvider(silo.SiloAddress);

    /// <summary>The grain factory of <paramref name="silo"/>: calls made through it start on that silo.</summary>
    public IGrainFactory Grains(SiloHandle silo) => Services(silo).GetRequiredService<IGrainFactory>();

    /// <summary>The silos <paramref name="silo"/>'s membership view holds as active.</summary>
    public IReadOnlyList<SiloAddress> ActiveSilosSeenBy(SiloHandle silo) => Services(silo).GetRequiredService<ClusterReadiness>().ActiveSilos;

    /// <summary>Waits until every running silo sees exactly the running silos as active.</summary>
    public Task WaitUntilWholeAsync(TimeSpan? timeout = null)
    {
        var running = _running.ToList();
        var expected = running.Select(s => s.SiloAddress).OrderBy(a => a.ToParsableString(), StringComparer.Ordinal).ToList();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        return Eventually.TrueAsync(
            () => running.All(s => ActiveSilosSeenBy(s).SequenceEqual(expected)),
            limit,
            $"each of {running.Count.ToString(CultureInfo.InvariantCulture)} silos to see exactly the running silos as active");
    }

    /// <summary>TestingHost's kill: the silo stops at once without deactivating its grains (nothing flushed, calls in flight fail).</summary>
    public async Task KillAsync(SiloHandle silo)
    {
        _running.Remove(silo);
        await _cluster.KillSiloAsync(silo);
    }

    /// <summary>The graceful stop: the silo deactivates its grains and leaves membership.</summary>
    public async Task StopAsync(SiloHandle silo)
    {
        _running.Remove(silo);
        await _cluster.StopSiloAsync(silo);
    }

    /// <summary>Starts one more silo with the cluster's configuration (a restart, or a new replica) and waits until all see it.</summary>
    public async Task<SiloHandle> StartSiloAsync()
    {
        var silo = await _cluster.StartAdditionalSiloAsync();
        _running.Add(silo);
        await WaitUntilWholeAsync();
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
