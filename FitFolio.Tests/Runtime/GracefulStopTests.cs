using FitFolio.Silo;
using FitFolio.Silo.Placement;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>A silo that stops gracefully while calls keep coming: its grains move, no call fails, no write is lost.</summary>
public sealed class GracefulStopTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async ValueTask InitializeAsync()
    {
        _cluster = new TestCluster(database.ConnectionString, TestGrains.Register, TestCluster.FastFailureDetection);
        await _cluster.StartSilosAsync(3);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_silo_stopping_under_load_hands_every_grain_off_without_a_failed_call_or_a_lost_write()
    {
        var leaving = _cluster.Silos[2];
        var caller = _cluster.Silos[0];
        var keys = Enumerable.Range(0, 16).Select(i => KeyHomedOn(leaving, $"handoff{i}")).ToList();
        var acknowledged = new int[keys.Count];
        var stop = new CancellationTokenSource();
        var errors = new System.Collections.Concurrent.ConcurrentQueue<Exception>();
        var callers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                for (var k = worker; k < keys.Count; k += 4)
                {
                    try
                    {
                        await caller.Grains.GetGrain<ICounterGrain>(keys[k]).Increment();
                        acknowledged[k]++;
                    }
                    catch (Exception exception) when (exception is GrainCallException or InconsistentStateException)
                    {
                        errors.Enqueue(exception);
                    }
                }
            }
        })).ToList();
        await Eventually.TrueAsync(() => acknowledged.Sum() >= 200, TimeSpan.FromSeconds(30), "calls under way before the stop");

        await leaving.StopAsync();
        var atStop = acknowledged.Sum();
        await Eventually.TrueAsync(() => acknowledged.Sum() >= atStop + 200, TimeSpan.FromSeconds(30), "calls answered by the grains' new homes");
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        Assert.Empty(errors);
        Assert.Equal(0, leaving.Silo.ActivationCount);
        var stored = await Task.WhenAll(keys.Select(k => caller.Grains.GetGrain<ICounterGrain>(k).Get()));
        Assert.Equal(acknowledged, stored);
        var homes = await Task.WhenAll(keys.Select(k => caller.Grains.GetGrain<ICounterGrain>(k).WhereAmI()));
        Assert.DoesNotContain(homes, h => h.Silo == leaving.Id);
    }

    private static string KeyHomedOn(TestSilo silo, string prefix)
    {
        for (var i = 0; ; i++)
        {
            var key = $"{prefix}-{i}";
            if (RendezvousPlacement.Place(new GrainId(nameof(ICounterGrain), key), silo.Silo.View) == silo.Silo.Address)
            {
                return key;
            }
        }
    }
}
