using System.Diagnostics;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Runtime;

/// <summary>Silos that leave (killed, or stopped and started again): their grains answer elsewhere, nothing acknowledged is lost, the cluster heals.</summary>
public sealed class SiloLossTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task After_a_silo_is_killed_its_grains_answer_from_another_silo_and_no_acknowledged_write_is_lost()
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 3);
        var (caller, victim) = (cluster.Silos[0], cluster.Silos[2]);
        var keys = Enumerable.Range(0, 5).Select(i => $"victim-{i}").ToList();
        foreach (var key in keys)
        {
            Assert.Equal(victim.SiloAddress, (await cluster.Grains(victim).GetGrain<ICounterGrain>(key).WhereAmI()).Silo);
            for (var n = 0; n < 3; n++)
            {
                await cluster.Grains(caller).GetGrain<ICounterGrain>(key).Increment();
            }
        }

        var clock = Stopwatch.StartNew();
        await cluster.KillAsync(victim);
        var reloaded = await Task.WhenAll(
            keys.Select(k => SiloFailure.AnswerAfterFailoverAsync(() => cluster.Grains(caller).GetGrain<ICounterGrain>(k).WhereAmI())));
        output.WriteLine($"TestingHost kill: the killed silo's grains answered again after {clock.ElapsedMilliseconds} ms.");
        var answered = await Task.WhenAll(keys.Select(k => cluster.Grains(caller).GetGrain<ICounterGrain>(k).Increment()));

        Assert.All(reloaded, where => Assert.Equal(3, where.Value));
        Assert.DoesNotContain(reloaded, where => where.Silo == victim.SiloAddress);
        Assert.All(answered, value => Assert.Equal(4, value));
        foreach (var key in keys)
        {
            Assert.Equal(4, await CounterRows.StoredValueAsync(database.DataSource, key));
        }

        await cluster.WaitUntilWholeAsync();
    }

    [Fact]
    public async Task A_stopped_silo_deactivates_its_grains_and_leaves_the_cluster_and_a_restart_rejoins()
    {
        await using var cluster = await RuntimeCluster.StartAsync(database.ConnectionString, 3);
        var (caller, leaving) = (cluster.Silos[0], cluster.Silos[1]);
        Assert.Equal(leaving.SiloAddress, (await cluster.Grains(leaving).GetGrain<ICounterGrain>("leaver").WhereAmI()).Silo);
        Assert.Equal(1, await cluster.Grains(caller).GetGrain<ICounterGrain>("leaver").Increment());
        var recorder = cluster.Services(leaving).GetRequiredService<LifecycleRecorder>();
        await cluster.Grains(leaving).GetGrain<ILifecycleGrain>("leaver").Touch();

        await cluster.StopAsync(leaving);
        await cluster.WaitUntilWholeAsync();

        Assert.Contains("leaver:deactivate:" + DeactivationReasonCode.ShuttingDown, recorder.Events);
        Assert.Equal(2, cluster.ActiveSilosSeenBy(caller).Count);
        Assert.Equal("Dead", await RedisMembership.StatusOfAsync(cluster.ClusterId, leaving.SiloAddress));
        Assert.Equal(2, await cluster.Grains(caller).GetGrain<ICounterGrain>("leaver").Increment());

        var joined = await cluster.StartSiloAsync();
        Assert.Equal(3, cluster.ActiveSilosSeenBy(caller).Count);
        Assert.Equal(3, await cluster.Grains(joined).GetGrain<ICounterGrain>("leaver").Increment());
        Assert.Equal(3, await CounterRows.StoredValueAsync(database.DataSource, "leaver"));
    }
}
