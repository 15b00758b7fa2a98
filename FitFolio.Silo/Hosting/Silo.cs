using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FitFolio.Silo.Diagnostics;
using FitFolio.Silo.Membership;
using FitFolio.Silo.Messaging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace FitFolio.Silo.Hosting;

/// <summary>
/// A silo's lifetime inside its host: start the internal endpoint, join the cluster, collect idle
/// activations; on graceful stop leave placement first, flush every grain, then leave the table.
/// </summary>
public sealed class Silo : IHostedService, IAsyncDisposable
{
    private readonly SiloRuntime _runtime;
    private readonly SiloOptions _options;
    private readonly ClusterSecret _secret;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SiloLog _log;
    private readonly CancellationTokenSource _stopping = new();
    private InternalEndpoint? _endpoint;
    private MembershipService? _membership;
    private Task? _collector;
    private bool _killed;
    private bool _disposed;

    internal Silo(SiloRuntime runtime, IOptions<SiloOptions> options, IOptions<ClusterOptions> cluster, NpgsqlDataSource dataSource, SiloLog log)
    {
        _runtime = runtime;
        _options = options.Value;
        _secret = new ClusterSecret(cluster.Value);
        _dataSource = dataSource;
        _log = log;
    }

    /// <summary>This silo's current incarnation, once joined.</summary>
    public SiloAddress? Address => _membership?.Self;

    /// <summary>True once joined, and while the last read of the membership table succeeded.</summary>
    public bool IsReady => !_runtime.IsStopping && !_killed && _membership is { Self: not null, IsConnected: true };

    /// <summary>The active silos as this silo sees them.</summary>
    public MembershipSnapshot View => _membership?.Current ?? MembershipSnapshot.Empty;

    public int ActivationCount => _runtime.Catalog.Count;

    /// <summary>Raised when this silo's view of the active silos changes.</summary>
    public event Action<MembershipSnapshot>? ViewChanged;

    internal SiloRuntime Runtime => _runtime;

    internal MembershipService? Membership => _membership;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _endpoint = new InternalEndpoint(_runtime, _secret, _log);
        await _endpoint.StartAsync(_options, cancellationToken);
        _runtime.Forwarder = new ForwardingClient(_secret, _runtime.JsonOptions);

        _membership = new MembershipService(_dataSource, _options, _log);
        _membership.Changed += view =>
        {
            _runtime.OnMembershipChanged(view);
            ViewChanged?.Invoke(view);
        };
        _membership.DeclaredDead += () => _ = RejoinAsync();
        _runtime.Membership = _membership;
        await _membership.JoinAsync(NewIncarnation(), cancellationToken);
        _collector = CollectIdleAsync(_stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_killed || _membership is null || _runtime.IsStopping)
        {
            return;
        }

        // Leave placement first, so new calls go elsewhere while this silo flushes what it holds.
        await TryAsync(() => _membership.SetOwnStatusAsync(SiloStatus.ShuttingDown, cancellationToken));
        _membership.RequestRefresh();
        _runtime.IsStopping = true;
        _log.Stopping(_membership.Self?.Id ?? "?", _runtime.Catalog.Count);
        var deadline = Environment.TickCount64 + (long)_options.DeactivationTimeout.TotalMilliseconds;
        while (_runtime.Catalog.Count > 0 && Environment.TickCount64 < deadline && !cancellationToken.IsCancellationRequested)
        {
            // Asked again each round (a no-op for those already asked): an activation created while
            // stopping, by a call that was already past the endpoint's check, is handed off too.
            foreach (var activation in _runtime.Catalog.All)
            {
                activation.RequestDeactivation(DeactivationReason.SiloStopping);
            }

            await Task.Delay(10, CancellationToken.None);
        }

        await TryAsync(() => _membership.SetOwnStatusAsync(SiloStatus.Dead, cancellationToken));
        await _stopping.CancelAsync();
        await _membership.DisposeAsync();
        await _endpoint!.StopAsync(cancellationToken);
    }

    /// <summary>Testing: die like a killed process. Nothing is flushed and nothing is written; peers must notice by the missed heartbeats.</summary>
    internal async Task KillAsync()
    {
        _killed = true;
        _runtime.IsDead = true;
        await _stopping.CancelAsync();
        _membership?.Abandon();
        if (_endpoint is not null)
        {
            await _endpoint.AbortAsync();
        }

        foreach (var activation in _runtime.Catalog.All)
        {
            activation.Drop(reroute: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _stopping.CancelAsync();
        if (_membership is not null)
        {
            await _membership.DisposeAsync();
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        _runtime.Forwarder?.Dispose();
        _stopping.Dispose();
    }

    private SiloAddress NewIncarnation() =>
        new(AdvertisedHost(), _endpoint!.Port, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + Random.Shared.Next(1000));

    private string AdvertisedHost()
    {
        if (!string.IsNullOrWhiteSpace(_options.AdvertisedHost))
        {
            return _options.AdvertisedHost;
        }

        var listen = IPAddress.Parse(_options.ListenAddress);
        if (IPAddress.IsLoopback(listen))
        {
            return listen.ToString();
        }

        if (!listen.Equals(IPAddress.Any) && !listen.Equals(IPAddress.IPv6Any))
        {
            return listen.ToString();
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)?.ToString() ?? "127.0.0.1";
    }

    private async Task RejoinAsync()
    {
        if (_killed || _runtime.IsStopping || _membership is null)
        {
            return;
        }

        _log.DeclaredDead(_membership.Self?.Id ?? "?");
        foreach (var activation in _runtime.Catalog.All)
        {
            // Its writes would race the grains' new homes; optimistic concurrency would refuse them anyway.
            activation.Drop(reroute: true);
        }

        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _membership.JoinAsync(NewIncarnation(), _stopping.Token);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                await Task.Delay(_options.MembershipRefreshInterval, _stopping.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CollectIdleAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CollectionInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = Environment.TickCount64;
                foreach (var activation in _runtime.Catalog.All)
                {
                    if (activation.IsIdle(now, _options.IdleTimeout))
                    {
                        activation.RequestDeactivation(DeactivationReason.Idle);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private static async Task TryAsync(Func<Task<bool>> step)
    {
        try
        {
            await step();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            // The database is unreachable: peers will find this silo dead by its missing heartbeats instead.
        }
    }
}
