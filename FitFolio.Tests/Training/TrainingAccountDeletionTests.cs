using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class TrainingAccountDeletionTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Tables =
    [
        "exercises",
        "programs",
        "program_days",
        "program_exercises",
        "workouts",
        "workout_exercises",
        "workout_sets",
        "body_weights"
    ];

    [Fact]
    public async Task Deleting_an_account_deletes_all_its_training_rows_and_nobody_elses()
    {
        using var leaving = await api.SignedInClientAsync("leaving@example.com");
        using var staying = await api.SignedInClientAsync("staying@example.com");
        foreach (var client in new[] { leaving, staying })
        {
            var custom = (await client.PostAsync(
                $"{Base}/exercises",
                new { name = "Odd Lift", category = "other", primaryMuscles = new[] { "glutes" }, equipment = "other", kind = "weight_reps" })).Body.Id();
            await client.PostAsync(
                $"{Base}/programs", new { name = "Plan", days = new[] { new { name = "A", exercises = new[] { new { exerciseId = custom } } } } });
            var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell");
            await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 50, weightUnit = "kg", reps = 5 });
            var odd = (await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = custom })).Body.Id();
            await client.LogAsync(workout, odd, new { id = Guid.NewGuid(), weight = 20, weightUnit = "kg", reps = 5 });
            await client.PutAsync($"{Base}/body-weight/2024-01-01", new { weight = 80, unit = "kg" });
        }

        var leavingId = await leaving.UserIdAsync();
        var stayingId = await staying.UserIdAsync();
        foreach (var table in Tables)
        {
            Assert.True(await api.CountAsync($"select count(*) from {table} where user_id = '{leavingId}'") > 0, table);
        }

        await using (var delete = api.Database.DataSource.CreateCommand($"delete from users where id = '{leavingId}'"))
        {
            await delete.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        foreach (var table in Tables)
        {
            Assert.Equal(0, await api.CountAsync($"select count(*) from {table} where user_id = '{leavingId}'"));
            Assert.True(await api.CountAsync($"select count(*) from {table} where user_id = '{stayingId}'") > 0, table);
        }

        Assert.True(await api.CountAsync("select count(*) from exercises where user_id is null") >= 100);
    }
}
