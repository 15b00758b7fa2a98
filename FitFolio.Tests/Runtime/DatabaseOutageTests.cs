using System.Diagnostics;
using FitFolio.Tests.Infrastructure;
using Npgsql;

namespace FitFolio.Tests.Runtime;

/// <summary>
/// PostgreSQL holds grain state, not membership: a silo that loses it stays in the cluster, its
/// grains answer from memory across silos, writes fail (with PostgreSQL's exception, on every
/// silo) without changing them, and all recovers by itself. What the front door answers meanwhile
/// is Api/DatabaseOutageApiTests.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Silos_that_lose_PostgreSQL_stay_in_the_cluster_serve_grains_from_memory_and_recover()
    {
        await using var postgres = await DedicatedPostgres.StartAsync();
        await using var cluster = await RuntimeCluster.StartAsync(postgres.ConnectionString, 2);
        var (caller, holder) = (cluster.Silos[0], cluster.Silos[1]);
        Assert.Equal(holder.SiloAddress, (await cluster.Grains(holder).GetGrain<ICounterGrain>("outage").WhereAmI()).Silo);
        var grain = cluster.Grains(caller).GetGrain<ICounterGrain>("outage");
        Assert.Equal(1, await grain.Increment());

        await postgres.StopServerAsync();
        var outage = Stopwatch.StartNew();
        // Reaches the caller on the other silo as what it is, so the front door answers 503 rather than 500.
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => grain.Increment());
        // Longer than a membership refresh and three missed probes: no silo may be voted out meanwhile.
        while (outage.Elapsed < TimeSpan.FromSeconds(8))
        {
            Assert.Equal(1, await grain.Get());
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        await cluster.WaitUntilWholeAsync(TimeSpan.Zero);
        Assert.All(await RedisMembership.RowsAsync(cluster.ClusterId), row => Assert.Equal(SiloStatus.Active, row.Status));

        await postgres.StartServerAsync();
        Assert.Equal(2, await grain.Increment());
        Assert.Equal((await grain.WhereAmI()).Silo, holder.SiloAddress);
    }
}
