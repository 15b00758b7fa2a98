using System.Diagnostics;
using FitFolio.Silo;
using FitFolio.Silo.Placement;
using FitFolio.Tests.Infrastructure;
using Npgsql;

namespace FitFolio.Tests.Runtime;

/// <summary>Failure detection with the default timing, as production runs it.</summary>
public sealed class FailureDetectionTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task With_default_settings_a_killed_silos_grains_answer_from_another_silo_within_ten_seconds()
    {
        await using var cluster = new TestCluster(database.ConnectionString, TestGrains.Register);
        await cluster.StartSilosAsync(2);
        var (survivor, victim) = (cluster.Silos[0], cluster.Silos[1]);
        var key = Enumerable.Range(0, 1000).Select(i => $"detect-{i}")
            .First(k => RendezvousPlacement.Place(new GrainId(nameof(ICounterGrain), k), survivor.Silo.View) == victim.Silo.Address);
        Assert.Equal(1, await survivor.Grains.GetGrain<ICounterGrain>(key).Increment());

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        var where = await SiloFailure.AnswerAfterFailoverAsync(() => survivor.Grains.GetGrain<ICounterGrain>(key).WhereAmI());
        clock.Stop();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Equal(survivor.Id, where.Silo);
        Assert.Equal(1, where.Value);
        Assert.Equal(2, await survivor.Grains.GetGrain<ICounterGrain>(key).Increment());
        Assert.Equal([survivor.Silo.Address!], survivor.Silo.View.ActiveSilos);
    }

    [Fact]
    public async Task A_silo_that_cannot_reach_PostgreSQL_at_start_fails_to_start_and_says_why()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var cluster = new TestCluster(unreachable, TestGrains.Register);

        var error = await Assert.ThrowsAnyAsync<NpgsqlException>(() => cluster.StartSiloAsync());

        Assert.Contains("127.0.0.1:1", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }
}
