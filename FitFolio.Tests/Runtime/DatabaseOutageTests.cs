using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Runtime;

/// <summary>A silo that loses PostgreSQL keeps serving what it holds, reports not-ready, and recovers by itself.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task A_silo_that_loses_PostgreSQL_serves_from_memory_reports_not_ready_and_recovers()
    {
        await using var postgres = await DedicatedPostgres.StartAsync();
        await using var cluster = new TestCluster(postgres.ConnectionString, TestGrains.Register, TestCluster.FastFailureDetection);
        var silo = await cluster.StartSiloAsync();
        var grain = silo.Grains.GetGrain<ICounterGrain>("outage");
        Assert.Equal(1, await grain.Increment());
        Assert.True(silo.Silo.IsReady);

        await postgres.StopServerAsync();
        await Eventually.TrueAsync(() => !silo.Silo.IsReady, TimeSpan.FromSeconds(20), "the silo to report not-ready");

        Assert.Equal(1, await grain.Get());
        await Assert.ThrowsAnyAsync<Exception>(() => grain.Increment());

        await postgres.StartServerAsync();
        await Eventually.TrueAsync(() => silo.Silo.IsReady, TimeSpan.FromSeconds(30), "the silo to report ready again");
        Assert.Equal(2, await silo.Grains.GetGrain<ICounterGrain>("outage").Increment());
    }
}
