using FitFolio.Silo.Diagnostics;
using Npgsql;

namespace FitFolio.Silo.Membership;

/// <summary>
/// This silo's part in membership: joins, heartbeats, reads the table (on a timer and on
/// NOTIFY), declares silos that stopped heartbeating dead, and publishes the active set.
/// When PostgreSQL is unreachable it keeps the last view it had, so grains keep answering from
/// memory, and reports itself disconnected for readiness.
/// </summary>
internal sealed class MembershipService : IAsyncDisposable
{
    private readonly MembershipTable _table;
    private readonly NpgsqlDataSource _dataSource;
    private readonly SiloOptions _options;
    private readonly SiloLog _log;
    private readonly SemaphoreSlim _refreshSignal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ManualResetEventSlim _heartbeatStop = new();
    private MembershipSnapshot _current = MembershipSnapshot.Empty;
    private MembershipSnapshot? _pinned;
    private Thread? _heartbeat;
    private Task? _refreshLoop;
    private Task? _listenLoop;
    private volatile bool _connected;
    private int _disposed;
    private int _abandoned;

    public MembershipService(NpgsqlDataSource dataSource, SiloOptions options, SiloLog log)
    {
        _dataSource = dataSource;
        _table = new MembershipTable(dataSource);
        _options = options;
        _log = log;
    }

    /// <summary>This incarnation's address; changes only when the silo rejoins after being declared dead.</summary>
    public SiloAddress? Self { get; private set; }

    /// <summary>The view placement uses.</summary>
    public MembershipSnapshot Current => _pinned ?? Volatile.Read(ref _current);

    /// <summary>True when the last read of the membership table succeeded.</summary>
    public bool IsConnected => _connected;

    /// <summary>Raised (on a pool thread) when the set of active silos changes.</summary>
    public event Action<MembershipSnapshot>? Changed;

    /// <summary>Raised when this silo finds that the cluster declared it dead.</summary>
    public event Action? DeclaredDead;

    public async Task JoinAsync(SiloAddress self, CancellationToken cancellationToken)
    {
        Self = self;
        await _table.JoinAsync(self, cancellationToken);
        await _table.PurgeDeadAsync(cancellationToken);
        _log.SiloJoined(self.Id);
        await RefreshAsync(cancellationToken);
        if (_heartbeat is null)
        {
            _heartbeat = new Thread(HeartbeatLoop) { IsBackground = true, Name = "silo-heartbeat" };
            _heartbeat.Start();
            _refreshLoop = RefreshLoopAsync(_stop.Token);
            _listenLoop = ListenLoopAsync(_stop.Token);
        }
    }

    /// <summary>Ask for an immediate read of the table (for example after a silo stopped answering).</summary>
    public void RequestRefresh()
    {
        try
        {
            _refreshSignal.Release();
        }
        catch (SemaphoreFullException)
        {
            // A refresh is already pending; one is enough.
        }
    }

    /// <summary>Marks this silo shutting down (no longer a placement target) or dead (left).</summary>
    public async Task<bool> SetOwnStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        if (Self is not { } self)
        {
            return false;
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var (version, silos) = await _table.ReadAsync(cancellationToken);
            var own = silos.Find(s => s.Address == self);
            if (own is null)
            {
                return false;
            }

            if (await _table.TryUpdateStatusAsync(self, status, version, own.Version, cancellationToken))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Testing: make this silo see <paramref name="view"/> regardless of the table (null to stop).</summary>
    internal void PinView(MembershipSnapshot? view)
    {
        _pinned = view;
        if (view is not null)
        {
            Changed?.Invoke(view);
        }
    }

    /// <summary>Stops every loop without writing anything: the process-crash equivalent for the test cluster.</summary>
    public void Abandon()
    {
        if (Interlocked.Exchange(ref _abandoned, 1) == 0)
        {
            _stop.Cancel();
            _heartbeatStop.Set();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Abandon();
        foreach (var loop in new[] { _refreshLoop, _listenLoop })
        {
            if (loop is not null)
            {
                await loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        _heartbeat?.Join();
        _stop.Dispose();
        _heartbeatStop.Dispose();
        _refreshSignal.Dispose();
    }

    // A dedicated thread, not a timer: a starved thread pool must not make a healthy silo look dead.
    private void HeartbeatLoop()
    {
        while (!_heartbeatStop.Wait(_options.HeartbeatInterval))
        {
            try
            {
                if (Self is { } self && !_table.Heartbeat(self))
                {
                    RequestRefresh();
                }
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                _log.HeartbeatFailed(exception.Message);
            }
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _refreshSignal.WaitAsync(_options.MembershipRefreshInterval, cancellationToken);
                await RefreshAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                if (_connected)
                {
                    _log.MembershipUnreachable(exception.Message);
                }

                _connected = false;
            }
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var (version, silos) = await _table.ReadAsync(cancellationToken);
        var self = Self;
        var active = new List<SiloAddress>();
        foreach (var silo in silos)
        {
            var isSelf = silo.Address == self;
            if (!isSelf && silo.SinceHeartbeat > _options.DeathTimeout)
            {
                if (await _table.TryUpdateStatusAsync(silo.Address, SiloStatus.Dead, version, silo.Version, cancellationToken))
                {
                    _log.SiloDeclaredDead(silo.Address.Id, silo.SinceHeartbeat.TotalSeconds);
                    version++;
                }
                else
                {
                    RequestRefresh();
                }

                continue;
            }

            if (silo.Status == SiloStatus.Active)
            {
                active.Add(silo.Address);
            }
        }

        _connected = true;
        if (self is not null && !silos.Exists(s => s.Address == self))
        {
            DeclaredDead?.Invoke();
            return;
        }

        var next = new MembershipSnapshot(version, active);
        var previous = Interlocked.Exchange(ref _current, next);
        if (!previous.SameSilosAs(next))
        {
            _log.MembershipChanged(next.ToString());
            if (_pinned is null)
            {
                Changed?.Invoke(next);
            }
        }
    }

    // NOTIFY makes a graceful leave or a join visible in milliseconds rather than one refresh interval.
    private async Task ListenLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                connection.Notification += (_, _) => RequestRefresh();
                await using (var listen = new NpgsqlCommand($"listen {MembershipTable.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                while (!cancellationToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException or System.IO.IOException)
            {
                await Task.Delay(_options.MembershipRefreshInterval, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }
}
