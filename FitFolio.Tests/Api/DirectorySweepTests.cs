using FitFolio.Grains.Maintenance;
using FitFolio.Grains.RateLimiting;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace FitFolio.Tests.Api;

/// <summary>
/// A silo that dies without handing its grains off leaves their Redis directory entries behind;
/// Orleans removes one only when that grain is called again. Maintenance removes the rest.
/// </summary>
public sealed class DirectorySweepTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    /// <summary>The test's counters' keys: a prefix no other grain uses.</summary>
    private const string Counter = "sweep-test:";

    [Fact]
    public async Task Maintenance_removes_the_directory_entries_of_a_dead_silo_and_only_those()
    {
        await using var cluster = await ApiCluster.StartAsync(database.ConnectionString, 2, ApiFixture.GenerousLimits);
        var (survivor, victim) = (cluster.Hosts[0], cluster.Hosts[1]);
        var rule = new RateLimitRule(10, TimeSpan.FromMinutes(1));
        var dead = victim.SiloAddress.ToParsableString();
        var live = survivor.SiloAddress.ToParsableString();
        List<(string Key, string Silo)> before = [];
        var made = 0;
        // Counters nobody will call again: the kind a crash strands (one per client address), activated
        // from both silos. Orleans places them by load, which may put a whole batch on one silo, so
        // batches go on until both silos hold some (a few rounds at most).
        for (var batch = 0; batch < 10 && (before.All(e => e.Silo != dead) || before.All(e => e.Silo != live)); batch++)
        {
            for (var i = 0; i < 40; i++, made++)
            {
                var caller = i % 2 == 0 ? victim : survivor;
                await caller.Grains.GetGrain<IRateLimitGrain>(Counter + made).Check(rule);
            }

            before = [.. (await EntriesAsync(survivor.ClusterId)).Where(e => IsCounter(e.Key))];
        }

        var (onVictim, onSurvivor) = (before.Count(e => e.Silo == dead), before.Count(e => e.Silo == live));
        Assert.True(onVictim > 0 && onSurvivor > 0, $"placement spread the counters over both silos ({onVictim} on the victim, {onSurvivor} on the survivor)");

        await victim.KillAsync();
        await cluster.WaitUntilWholeAsync();
        await using (var due = database.DataSource.CreateCommand("update maintenance_runs set last_run_at = 'epoch'"))
        {
            await due.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // Counted once the victim is gone, not before: what its stop left behind is what the sweep must find. Any other
        // grain's entry it left (none but the counters were called) is the sweep's to remove as well.
        var left = await EntriesAsync(survivor.ClusterId);
        var stranded = left.Count(e => IsCounter(e.Key) && e.Silo == dead);
        var kept = left.Count(e => IsCounter(e.Key) && e.Silo == live);
        Assert.True(stranded > 0, "the killed silo left counters' entries behind");

        var report = await survivor.App.Services.GetRequiredService<ClusterMaintenance>().RunOnceAsync(TestContext.Current.CancellationToken);

        var after = await EntriesAsync(survivor.ClusterId);
        Assert.InRange(report!.DirectoryEntries, stranded, left.Count(e => e.Silo == dead));
        Assert.DoesNotContain(after, e => e.Silo == dead);
        Assert.Equal(kept, after.Count(e => IsCounter(e.Key) && e.Silo == live));
    }

    private static bool IsCounter(string key) => key.Contains("/" + Counter, StringComparison.Ordinal);

    /// <summary>Every entry of the cluster's grain directory in Redis, with the silo it names.</summary>
    private static async Task<List<(string Key, string Silo)>> EntriesAsync(string clusterId)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.ConnectionString);
        var server = redis.GetServers().Single();
        var entries = new List<(string, string)>();
        await foreach (var key in server.KeysAsync(pattern: clusterId + "/directory/*"))
        {
            var value = (string?)await redis.GetDatabase().StringGetAsync(key);
            if (value is null)
            {
                continue; // removed since the scan saw it
            }

            using var json = System.Text.Json.JsonDocument.Parse(value);
            entries.Add((key.ToString(), json.RootElement.GetProperty("SiloAddress").GetString()!));
        }

        return entries;
    }
}
