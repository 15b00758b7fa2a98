using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using Npgsql;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>POST /api/v1/auth/magic-link/start</c> for addresses never seen before: the request is
/// answered once queued; then the account is created, a user grain activates (loading it), and one
/// transaction stores the link, the mail in the outbox and the audit event. The queue is bounded,
/// so under this closed loop it fills and each request waits for room: the rate is the workers'. The outbox sender delivers to an SMTP sink in this process
/// meanwhile, so its CPU is part of CPU/op, as it would be on a silo.
/// </summary>
internal sealed class MagicLinkStartScenario : IScenario
{
    /// <summary>
    /// 16 connections, not 64: each request is a write transaction, and PostgreSQL shares the two
    /// cores, so more in flight only lengthens the queue (p99) without adding throughput.
    /// </summary>
    private static readonly WrkLoadGenerator Load = new(threads: 1, connections: 16);

    public string Id => "magic-start";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync() ?? throw new InvalidOperationException("wrk not found; apt-get install wrk");
        var connectionString = await context.DatabaseAsync();
        await using var host = await FitFolioHost.StartAsync(connectionString);
        var usersBefore = await CountUsersAsync(connectionString);

        var load = Load;
        var options = context.Options;
        BenchContext.Progress(
            $"magic-link start: a new address per request; {WrkRounds.Plan(load, options, WrkRounds.HostWarmUp(options, Environment.ProcessId))}");
        var scripts = new List<string>();
        try
        {
            var measured = await WrkRounds.RunAsync(load, wrk, new Uri(host.Address, "/api/v1/auth/magic-link/start"), options, () =>
            {
                scripts.Add(DistinctEmailScript.Write("start-" + Guid.NewGuid().ToString("N")[..8]));
                return new WrkRequest([], scripts[^1]);
            },
            WrkRounds.HostWarmUp(options, Environment.ProcessId));

            // Every 202 makes an account, after the answer: wait for the queue to drain, then fewer
            // accounts than counted requests would mean the figure counts something else.
            var created = await WaitForAccountsAsync(connectionString, usersBefore, measured.Requests);
            if (created < measured.Requests)
            {
                throw new InvalidOperationException(
                    $"wrk counted {measured.Requests:N0} measured requests but only {created:N0} accounts were created (warm-up included).");
            }

            // The mails those accounts were sent share the database's outbox with the scenarios that
            // follow: delivered here, they cannot delay the next scenario's own sign-in mail.
            var (backlog, took) = await WaitForOutboxDrainedAsync(connectionString);

            return
            [
                new ScenarioResult(
                    "POST /auth/magic-link/start, new address each",
                    measured.Median.RequestsPerSecond,
                    "req/s",
                    Latency: measured.Median.Latency,
                    Notes: $"{load.Describe()}, every response 202 (answered once queued; the account, link and mail follow, so with the queue full the " +
                        $"rate is the workers'); {created:N0} accounts created; per-IP limit raised; outbox delivering to a sink in-process; " +
                            $"{Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}; after wrk the outbox still held {backlog:N0} mails, " +
                            $"delivered in {took.TotalSeconds:N1} s ({(backlog == 0 ? 0 : backlog / took.TotalSeconds):N0}/s)",
                    CpuPerOperation: measured.CpuPerRequest),
            ];
        }
        finally
        {
            scripts.ForEach(File.Delete);
        }
    }

    private static async Task<long> WaitForAccountsAsync(string connectionString, long before, long expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        long created;
        while ((created = await CountUsersAsync(connectionString) - before) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        return created;
    }

    /// <summary>
    /// Waits until the outbox holds nothing undelivered and returns what the wait saw: the mail still queued when it began
    /// and how long the sender took to clear it. A sender that keeps delivering is waited for however long the backlog is
    /// (a full run queues tens of thousands); one that delivers nothing for a minute is stuck, and the row fails.
    /// </summary>
    private static async Task<(long Backlog, TimeSpan Took)> WaitForOutboxDrainedAsync(string connectionString)
    {
        var started = TimeProvider.System.GetTimestamp();
        var backlog = await CountUndeliveredAsync(connectionString);
        var left = backlog;
        var lastProgress = DateTime.UtcNow;
        while (left > 0)
        {
            await Task.Delay(200);
            var now = await CountUndeliveredAsync(connectionString);
            if (now < left)
            {
                lastProgress = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - lastProgress > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"The outbox delivered none of its last {now:N0} sign-in mails in a minute.");
            }

            left = now;
        }

        return (backlog, TimeProvider.System.GetElapsedTime(started));
    }

    private static Task<long> CountUndeliveredAsync(string connectionString) =>
        CountAsync(connectionString, "select count(*) from mail_outbox where sent_at is null and failed_at is null");

    private static Task<long> CountUsersAsync(string connectionString) => CountAsync(connectionString, "select count(*) from users");

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
