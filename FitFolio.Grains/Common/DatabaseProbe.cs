using Microsoft.Extensions.Hosting;
using Npgsql;

namespace FitFolio.Grains.Common;

/// <summary>
/// Whether PostgreSQL answered the last probe (every second, <c>select 1</c> with a 2 s limit).
/// Membership no longer lives in PostgreSQL, so the cluster stays whole through a database outage;
/// this is what tells the front door that work needing the database will fail, so it refuses new
/// work with a 503 up front instead of accepting it and losing it.
/// </summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource, TimeProvider clock) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(2);

    private volatile bool _reachable = true;

    public bool IsReachable => _reachable;

    /// <summary>Probes once now; readiness asks this so it never answers from a stale probe.</summary>
    public async Task<bool> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Limit);
            await using var command = dataSource.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            _reachable = true;
        }
        catch (Exception exception) when (exception is NpgsqlException or OperationCanceledException or TimeoutException
            && !cancellationToken.IsCancellationRequested)
        {
            _reachable = false;
        }

        return _reachable;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await ProbeAsync(stoppingToken);
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
