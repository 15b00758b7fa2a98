using FitFolio.Silo.Hosting;
using FitFolio.Silo.Readiness;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// One Orleans silo configured exactly as FitFolio.Api configures its own (<c>AddFitFolioSilo</c>:
/// Redis membership and grain directory, the tuned failure detection), in a Generic Host with a
/// loopback silo port of its own. Several can run in this process; silos given the same cluster id
/// form one cluster. The bench grains are found by Orleans' code generation, like FitFolio's.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
        Readiness = host.Services.GetRequiredService<ClusterReadiness>();
    }

    public IGrainFactory Grains { get; }

    public ClusterReadiness Readiness { get; }

    public SiloAddress Address => Readiness.Self;

    /// <summary>A cluster id no earlier run used: one Redis serves every run, and a stale cluster's rows must never be met.</summary>
    public static string NewClusterId() => "bench-" + Guid.NewGuid().ToString("N");

    /// <summary>A silo of <paramref name="clusterId"/>; <paramref name="database"/> is a migrated FitFolio database, where grain storage lives.</summary>
    public static async Task<BenchSilo> StartAsync(string clusterId, string database)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Port"] = "0",
            ["Silo:ListenAddress"] = "127.0.0.1",
            ["Cluster:Id"] = clusterId,
            ["ConnectionStrings:Redis"] = BenchRedis.ConnectionString,
            ["ConnectionStrings:Postgres"] = database,
        });
        builder.UseOrleans(silo => silo.AddFitFolioSilo(builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>Activations of <typeparamref name="TGrain"/> on this silo, as Orleans' management grain counts them.</summary>
    public async Task<int> ActivationCountAsync<TGrain>() where TGrain : Grain
    {
        var statistics = await Grains.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics([Address]);
        // Orleans names the grain class as "namespace.type,assembly".
        var type = $"{typeof(TGrain).FullName},{typeof(TGrain).Assembly.GetName().Name}";
        return statistics.Where(s => s.GrainType == type).Sum(s => s.ActivationCount);
    }

    /// <summary>Completes once this silo sees exactly <paramref name="count"/> active silos in its membership view.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Readiness.ActiveSilos.Count != count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Silo {Address} saw {Readiness.ActiveSilos.Count} active silos, not {count}, within {timeout.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A graceful stop marks the silo Dead in membership, so its peers stop calling it at once.
        await _host.StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
