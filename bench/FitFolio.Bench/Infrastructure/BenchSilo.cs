using FitFolio.Bench.Grains;
using FitFolio.Silo;
using FitFolio.Silo.Hosting;
using FitFolio.Silo.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SiloService = FitFolio.Silo.Hosting.Silo;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// One silo hosted the way FitFolio.Api hosts it (a Generic Host with AddSilo), on a loopback
/// port of its own, with every bench grain registered. Several can run in this process.
/// </summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    // Only silos of this run ever see it; it just has to satisfy the validator.
    private const string Secret = "bench-cluster-secret-0123456789-abcdefghijklmnop";

    private readonly IHost _host;

    private BenchSilo(IHost host)
    {
        _host = host;
        Silo = host.Services.GetRequiredService<SiloService>();
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    public SiloService Silo { get; }

    public IGrainFactory Grains { get; }

    public SiloAddress Address => Silo.Address ?? throw new InvalidOperationException("The silo has not joined.");

    public static async Task<BenchSilo> StartAsync(string connectionString)
    {
        var builder = Host.CreateApplicationBuilder([]);
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Port"] = "0",
            ["Silo:ListenAddress"] = "127.0.0.1",
            ["Cluster:Secret"] = Secret,
            ["ConnectionStrings:Redis"] = BenchRedis.ConnectionString,
        });
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSilo(builder.Configuration)
            .AddGrain<IPingGrain, PingGrain>()
            .AddGrain<ISmallGrain, SmallGrain>()
            .AddGrain<IProfileGrain, ProfileGrain>();
        var host = builder.Build();
        await host.StartAsync();
        return new BenchSilo(host);
    }

    /// <summary>Completes once this silo sees exactly <paramref name="count"/> active silos; driven by the view-changed event.</summary>
    public async Task WaitForActiveSilosAsync(int count, TimeSpan timeout)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(MembershipSnapshot view)
        {
            if (view.ActiveSilos.Length == count)
            {
                reached.TrySetResult();
            }
        }

        Silo.ViewChanged += Check;
        try
        {
            Check(Silo.View);
            await reached.Task.WaitAsync(timeout);
        }
        finally
        {
            Silo.ViewChanged -= Check;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A graceful stop marks the silo dead in the table, so the next scenario's silos never place grains on it.
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
