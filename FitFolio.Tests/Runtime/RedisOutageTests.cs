using System.Diagnostics;
using System.Net;
using FitFolio.Silo.Readiness;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StackExchange.Redis;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// Redis (membership and the grain directory) stopped under a running cluster, for real: a
/// redis-server of the test's own, stopped and started again mid-test. Running grains keep answering
/// from every silo, a call that needs a new activation fails with Redis' error in bounded time,
/// nobody is declared dead, and all heals when Redis returns, without restarts. A replica that dies
/// during the outage is declared dead once Redis is back, while the others serve throughout. RUNBOOK.md ("When Redis is down") says the
/// same. Each test has a deadline: a step that hangs fails the test instead of the run.
/// </summary>
public sealed class RedisOutageTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    // About 60 s each when the machine is quiet; the deadline leaves room for a loaded one.
    private const int Deadline = 150_000;

    // Past two IAmAlive refreshes (Silo:TableRefreshInterval, 5 s) and many probe rounds (1 s): a
    // silo that were to be voted out, or to stop itself, for want of Redis would do it within this.
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(12);

    [Fact(Timeout = Deadline)]
    public async Task Running_grains_answer_from_every_silo_through_a_Redis_outage_and_the_cluster_heals_when_it_returns()
    {
        await using var redis = await DedicatedRedis.StartAsync();
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 2, On(redis));
        var warm = await WarmUpAsync(cluster, "warm");
        var health = cluster.Services(cluster.Silos[0]).GetRequiredService<RedisHealth>();
        Assert.True(await health.IsReachableAsync(TestContext.Current.CancellationToken));

        await using var outage = await RedisOutage.BeginAsync(redis);
        // The cold call runs while the warm ones go on: it is one caller's wait, nobody else's.
        var cold = TimedAsync(() => cluster.Grains(cluster.Silos[0]).GetGrain<ICounterGrain>("cold").Increment());
        var calls = await CallUntilAsync(cluster, cluster.Silos, warm, Steady);
        output.WriteLine($"{calls} calls to running grains answered during {Steady.TotalSeconds} s without Redis.");
        Assert.False(await health.IsReachableAsync(TestContext.Current.CancellationToken));
        var (refused, waited) = await cold;
        output.WriteLine($"A new activation during the outage failed after {waited.TotalMilliseconds:F0} ms: {Describe(refused)}");
        Assert.True(IsRedis(refused), $"not Redis's error: {refused}");
        Assert.InRange(waited, TimeSpan.Zero, TimeSpan.FromSeconds(40));
        Assert.Equal(0, await CounterRows.StoredValueAsync(database.DataSource, "cold"));
        // Nobody was voted out or left: every silo still sees both as active.
        await cluster.WaitUntilWholeAsync(TimeSpan.Zero);

        await outage.EndAsync();
        var back = DateTimeOffset.UtcNow;
        var healing = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => await SucceedsAsync(() => cluster.Grains(cluster.Silos[1]).GetGrain<ICounterGrain>("cold").Increment()),
            TimeSpan.FromSeconds(30),
            "a new activation after Redis returned");
        output.WriteLine($"New activations worked again {healing.ElapsedMilliseconds} ms after Redis returned.");
        // Readiness has a connection of its own, which reconnects on its own back-off: it may see Redis a few seconds
        // after the grain directory's did (a loaded run found it still down right after the activation above).
        await Eventually.TrueAsync(
            () => health.IsReachableAsync(TestContext.Current.CancellationToken), TimeSpan.FromSeconds(30), "readiness to see Redis again");
        output.WriteLine($"Readiness saw Redis again {healing.ElapsedMilliseconds} ms after it returned.");
        // Every silo writes that it is alive again, so none is declared dead later for a stale row.
        await Eventually.TrueAsync(
            async () => (await RowsAsync(redis, cluster.ClusterId)).Count(r => r.Status == SiloStatus.Active && r.IAmAliveTime > back) == 2,
            TimeSpan.FromSeconds(30),
            "both silos to write that they are alive after Redis returned");
        var joined = await cluster.StartSiloAsync();
        foreach (var key in warm)
        {
            var before = await cluster.Grains(cluster.Silos[0]).GetGrain<ICounterGrain>(key).Get();
            Assert.Equal(before + 1, await cluster.Grains(joined).GetGrain<ICounterGrain>(key).Increment());
        }

        Assert.Equal(2, await cluster.Grains(joined).GetGrain<ICounterGrain>("cold").Increment());
    }

    /// <summary>
    /// Real processes: a TestingHost "kill" still writes its own death to membership, which blocks
    /// without Redis; a SIGKILLed replica writes nothing, as in production.
    /// </summary>
    [Fact(Timeout = Deadline)]
    public async Task A_replica_that_dies_during_a_Redis_outage_is_declared_dead_once_Redis_returns_and_the_others_serve_throughout()
    {
        await using var redis = await DedicatedRedis.StartAsync();
        await using var cluster = await ApiProcessCluster.StartAsync(database.ConnectionString, 2, redis: redis.ConnectionString);
        using var browser = await cluster.SignInAsync(cluster.Processes[0], "outage-survivor@fitfolio.example");
        var survivors = cluster.Processes.ToList();
        // Each survivor checks the session once, so each has located the grains a session check calls.
        foreach (var survivor in survivors)
        {
            using var same = ApiCluster.CloneOnto(browser, survivor.Client());
            Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/api/v1/auth/me")).Status);
        }

        // Joined after the session's grains were placed, so it holds none of them: its death costs the survivors nothing.
        var victim = await cluster.AddProcessAsync();

        await using var outage = await RedisOutage.BeginAsync(redis);
        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        var checks = 0;
        while (clock.Elapsed < Steady)
        {
            foreach (var survivor in survivors)
            {
                using var same = ApiCluster.CloneOnto(browser, survivor.Client());
                var me = await same.GetAsync("/api/v1/auth/me");
                Assert.True(me.Status == HttpStatusCode.OK, $"{survivor.Name} answered {(int)me.Status} during the outage. Log:\n{survivor.LogTail()}");
                checks++;
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        output.WriteLine($"{checks} session checks answered 200 by the survivors during {Steady.TotalSeconds} s without Redis, one replica dead.");
        foreach (var survivor in survivors)
        {
            Assert.True(await survivor.IsReadyAsync(), $"{survivor.Name} is not ready during the outage. Log:\n{survivor.LogTail()}");
        }

        await outage.EndAsync();
        var back = Stopwatch.StartNew();
        await Eventually.TrueAsync(
            async () => await cluster.StatusOfAsync(victim) == SiloStatus.Dead,
            TimeSpan.FromSeconds(30),
            "the replica that died during the outage to be declared dead once Redis returned");
        output.WriteLine($"Declared dead {back.ElapsedMilliseconds} ms after Redis returned.");
        foreach (var survivor in survivors)
        {
            Assert.Equal(SiloStatus.Active, await cluster.StatusOfAsync(survivor));
        }

        // Healed: a sign-in needing new activations goes through a survivor.
        using var newcomer = await cluster.SignInAsync(survivors[1], "after-outage@fitfolio.example");
        Assert.Equal(HttpStatusCode.OK, (await newcomer.GetAsync("/api/v1/auth/me")).Status);
    }

    private static Dictionary<string, string?> On(DedicatedRedis redis) => new() { ["ConnectionStrings:Redis"] = redis.ConnectionString };

    /// <summary>One counter per silo, activated there and called from every silo, so every silo has located each.</summary>
    private static async Task<List<string>> WarmUpAsync(OrleansTestCluster cluster, string prefix, params SiloHandle[] homes)
    {
        var keys = new List<string>();
        foreach (var (home, i) in (homes.Length == 0 ? cluster.Silos : homes).Select((s, i) => (s, i)))
        {
            var key = $"{prefix}-{i}";
            Assert.Equal(home.SiloAddress, (await cluster.Grains(home).GetGrain<ICounterGrain>(key).WhereAmI()).Silo);
            foreach (var caller in cluster.Silos)
            {
                await cluster.Grains(caller).GetGrain<ICounterGrain>(key).Get();
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Calls every warm grain from every caller, over and over for <paramref name="period"/>; each must answer.</summary>
    private static async Task<int> CallUntilAsync(OrleansTestCluster cluster, IReadOnlyList<SiloHandle> callers, List<string> keys, TimeSpan period)
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < period)
        {
            foreach (var caller in callers)
            {
                foreach (var key in keys)
                {
                    await cluster.Grains(caller).GetGrain<ICounterGrain>(key).Increment();
                    calls++;
                }
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        return calls;
    }

    /// <summary>Runs a call expected to fail; returns its exception (null if it answered) and how long it took.</summary>
    private static async Task<(Exception? Error, TimeSpan Waited)> TimedAsync(Func<Task> call)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await call();
            return (null, clock.Elapsed);
        }
        catch (Exception exception)
        {
            return (exception, clock.Elapsed);
        }
    }

    private static bool IsRedis(Exception? exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            // A failed directory lookup reaches the caller as "Lookup failed for <grain> : <Redis' error as text>", no inner exception.
            if (cause is RedisException
                || (cause.Message.StartsWith("Lookup failed for ", StringComparison.Ordinal)
                    && cause.Message.Contains("StackExchange.Redis.RedisConnectionException", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Exception? exception) =>
        exception is null ? "no error" : $"{exception.GetType().Name} (inner {exception.InnerException?.GetType().Name}): {exception.Message.Split('\n')[0]}";

    private static async Task<bool> SucceedsAsync(Func<Task> call)
    {
        try
        {
            await call();
            return true;
        }
        catch (Exception exception) when (IsRedis(exception) || exception is OrleansMessageRejectionException or TimeoutException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<MembershipRow>> RowsAsync(DedicatedRedis redis, string clusterId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return await MembershipRows.ReadAsync(connection.GetDatabase(), clusterId);
    }
}
