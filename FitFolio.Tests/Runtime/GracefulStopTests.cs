using System.Collections.Concurrent;
using System.Diagnostics;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>A silo that stops gracefully while calls keep coming: its grains move, no call fails, no write is lost or applied twice.</summary>
public sealed class GracefulStopTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_silo_stopping_under_load_hands_every_grain_off_without_a_failed_call_or_a_lost_write()
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 3);
        var (caller, leaving) = (cluster.Silos[0], cluster.Silos[2]);
        var keys = Enumerable.Range(0, 16).Select(i => $"handoff-{i}").ToList();
        foreach (var key in keys)
        {
            Assert.Equal(leaving.SiloAddress, (await cluster.Grains(leaving).GetGrain<ICounterGrain>(key).WhereAmI()).Silo);
        }

        var acknowledged = new int[keys.Count];
        var errors = new ConcurrentQueue<Exception>();
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var k = worker; k < keys.Count; k += 4)
                {
                    try
                    {
                        await cluster.Grains(caller).GetGrain<ICounterGrain>(keys[k]).Increment();
                        Interlocked.Increment(ref acknowledged[k]);
                    }
                    catch (Exception exception) when (exception is OrleansException or TimeoutException)
                    {
                        errors.Enqueue(exception);
                    }
                }
            }
        })).ToList();
        await Eventually.TrueAsync(() => acknowledged.Sum() >= 200, TimeSpan.FromSeconds(30), "calls under way before the stop");

        var clock = Stopwatch.StartNew();
        await cluster.StopAsync(leaving);
        var stopTook = clock.Elapsed;
        var atStop = acknowledged.Sum();
        await Eventually.TrueAsync(() => acknowledged.Sum() >= atStop + 200, TimeSpan.FromSeconds(30), "calls answered by the grains' new homes");
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var stored = await Task.WhenAll(keys.Select(k => CounterRows.StoredValueAsync(database.DataSource, k)));
        output.WriteLine($"Stop took {stopTook.TotalMilliseconds:0} ms; {acknowledged.Sum()} calls acknowledged, {errors.Count} failed: "
            + string.Join(" | ", errors.Select(e => $"{e.GetType().Name}: {e.Message.Split('\n')[0]}").Distinct())
            + $"; applied but reported failed: {stored.Sum() - acknowledged.Sum()}");
        Assert.Empty(errors);
        Assert.Equal(acknowledged, stored);
        var homes = await Task.WhenAll(keys.Select(k => cluster.Grains(caller).GetGrain<ICounterGrain>(k).WhereAmI()));
        Assert.DoesNotContain(homes, h => h.Silo == leaving.SiloAddress);
    }
}
