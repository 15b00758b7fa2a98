using FitFolio.Seed;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Scale;

/// <summary>
/// History paging sums each listed workout's sets by workout id: that must be an index lookup, not a scan of every
/// person's sets (migration 016; 9.5 s for one page over 669,000 generated sets without it, 13 ms with it).
/// </summary>
public sealed class HistoryPagingPlanTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_workouts_sets_are_found_by_index_whatever_the_table_holds()
    {
        var options = new SeedOptions { People = 2, Seed = 18, Until = DateTimeOffset.UtcNow, MaxYears = 0.2 };
        var seeded = await Seeder.RunAsync(database.DataSource, options, TestContext.Current.CancellationToken);
        Assert.True(seeded.Sets > 0);
        var workout = await database.ScalarAsync<Guid>("select id from workouts order by started_at desc limit 1");

        // With sequential scans priced out, the plan scans the table only when no index can answer
        // (on a table this small a scan would otherwise be cheapest).
        await using var connection = await database.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using (var off = new Npgsql.NpgsqlCommand("set enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await using var explain = new Npgsql.NpgsqlCommand(
            "explain select count(*), sum(s.weight_kg * s.reps) from workout_sets s where s.workout_id = @workout", connection);
        explain.Parameters.AddWithValue("workout", workout);
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            plan.Add(reader.GetString(0));
        }

        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan on workout_sets", StringComparison.Ordinal));
        Assert.Contains(plan, line => line.Contains("workout_sets_workout_idx", StringComparison.Ordinal));
    }
}
