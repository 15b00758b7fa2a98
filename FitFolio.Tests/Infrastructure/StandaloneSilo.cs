using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Orleans.TestingHost;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// One silo in this test process on a host of its own, configured like <see cref="OrleansTestCluster"/>'s silos, for a
/// silo whose start is expected to fail. TestingHost neither stops nor disposes a silo whose start threw: a refused
/// silo would keep its membership loops, probes and timers running in the test process for the rest of the run, and
/// every later cluster would pay for them. This host is stopped and disposed whether its start succeeded or not.
/// Not enough for an intruder its peers declare Dead while it is still starting: in the full suite of 2026-12-06 two
/// such silos kept their port open and their membership loops running for the rest of the run, and the three refused
/// intruders of SiloTlsTests alone stay listening until the process exits, with a pre-cancelled or a 30 s stop token alike (issue 15).
/// </summary>
public sealed class StandaloneSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private StandaloneSilo(IHost host) => _host = host;

    /// <summary>Its grain factory: calls made through it start on this silo.</summary>
    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>
    /// Starts a silo with <paramref name="settings"/> (<see cref="OrleansTestCluster.SiloSettings"/>) and what
    /// <typeparamref name="TServices"/> adds; if its start fails, it is stopped before the exception reaches the caller.
    /// </summary>
    public static async Task<StandaloneSilo> StartAsync<TServices>(IDictionary<string, string?> settings)
        where TServices : ISiloConfigurator, new()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create($"{ProductionSiloConfigurator.Section}:{s.Key}", s.Value)));
        builder.UseOrleans(silo =>
        {
            new ProductionSiloConfigurator().Configure(silo);
            new TServices().Configure(silo);
        });
        // Declared dead by its peers, it stops its own host rather than fail the whole test process fast (StopHostOnFatalError).
        builder.Services.RemoveAll<IFatalErrorHandler>();
        builder.Services.AddSingleton<IFatalErrorHandler, StopHostOnFatalError>();
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
            return new StandaloneSilo(host);
        }
        catch
        {
            // Stops whatever stages had started (the listener, membership's loops), without waiting for a graceful leave it never earned.
            using var now = new CancellationTokenSource();
            await now.CancelAsync();
            await StopQuietlyAsync(host, now.Token);
            throw;
        }
    }

    public async ValueTask DisposeAsync() => await StopQuietlyAsync(_host, CancellationToken.None);

    private static async Task StopQuietlyAsync(IHost host, CancellationToken cancellationToken)
    {
        try
        {
            await host.StopAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or OrleansException or InvalidOperationException)
        {
            // A silo that never joined may fail to leave; what matters is that its services stop.
        }
        finally
        {
            host.Dispose();
        }
    }
}
