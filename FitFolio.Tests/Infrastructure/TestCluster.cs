using FitFolio.Silo;
using FitFolio.Silo.Hosting;
using FitFolio.Silo.Membership;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// Several silos in this test process, each its own host and ports, on one database: the role
/// Orleans' TestingHost plays. Silos can be started, stopped gracefully, killed (nothing flushed,
/// nothing written) and started again; tests wait for membership by observing it.
/// </summary>
public sealed class TestCluster(string connectionString, Action<SiloBuilder> registerGrains, IDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    public const string Secret = "test-cluster-secret-0123456789-abcdefghijklmnop";

    private readonly List<TestSilo> _silos = [];

    public IReadOnlyList<TestSilo> Silos => _silos;

    public IEnumerable<TestSilo> Running => _silos.Where(s => s.IsRunning);

    public static Dictionary<string, string?> FastFailureDetection { get; } = new()
    {
        ["Silo:HeartbeatInterval"] = "00:00:00.250",
        ["Silo:DeathTimeout"] = "00:00:02",
        ["Silo:MembershipRefreshInterval"] = "00:00:00.250",
    };

    public async Task<TestSilo> StartSiloAsync(Action<IServiceCollection>? configureServices = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter(level => level >= LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Port"] = "0",
            ["Silo:ListenAddress"] = "127.0.0.1",
            ["Cluster:Secret"] = Secret,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        registerGrains(builder.Services.AddSilo(builder.Configuration));
        configureServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var silo = new TestSilo(host);
        _silos.Add(silo);
        return silo;
    }

    public async Task<IReadOnlyList<TestSilo>> StartSilosAsync(int count)
    {
        var started = new List<TestSilo>();
        for (var i = 0; i < count; i++)
        {
            started.Add(await StartSiloAsync());
        }

        await WaitForViewAsync();
        return started;
    }

    /// <summary>Waits until every running silo sees exactly the running silos as active.</summary>
    public async Task WaitForViewAsync(TimeSpan? timeout = null)
    {
        var running = Running.ToList();
        var expected = running.Select(s => s.Silo.Address!).OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
        await Task.WhenAll(running.Select(s => s.WaitForViewAsync(view => view.ActiveSilos.SequenceEqual(expected), timeout ?? TimeSpan.FromSeconds(30))));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}

public sealed class TestSilo(IHost host) : IAsyncDisposable
{
    public IHost Host { get; } = host;

    public Silo.Hosting.Silo Silo { get; } = host.Services.GetRequiredService<Silo.Hosting.Silo>();

    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IGrainFactory>();

    public bool IsRunning { get; private set; } = true;

    public string Id => Silo.Address!.Id;

    public async Task StopAsync()
    {
        IsRunning = false;
        await Host.StopAsync(TestContext.Current.CancellationToken);
    }

    public async Task KillAsync()
    {
        IsRunning = false;
        await Silo.KillAsync();
    }

    public Task WaitForViewAsync(Func<MembershipSnapshot, bool> predicate, TimeSpan timeout) => SiloViews.WaitForAsync(Silo, predicate, timeout);

    /// <summary>Leaves gracefully if still running, so the next test's silos never wait for this one to be declared dead.</summary>
    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await StopAsync();
        }

        await ((IAsyncDisposable)Host).DisposeAsync();
    }
}
