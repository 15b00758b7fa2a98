using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>Adding an exercise with a client-generated id: what the offline queue relies on to retry safely.</summary>
public sealed class ExerciseAddRetryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_exercise_added_with_a_client_id_keeps_that_id_and_a_retry_answers_with_it_and_its_prefill()
    {
        using var client = await api.SignedInClientAsync("add-retry@example.com");
        var (earlier, earlierIds) = await client.StartWorkoutAsync("bench-press-barbell");
        await client.LogRecordsAsync(earlier, earlierIds[0], 80, 5);
        await client.PostAsync($"{Base}/workouts/{earlier}/finish", new { });
        var (workout, _) = await client.StartWorkoutAsync();
        var id = Guid.NewGuid();
        var body = new { id, exerciseId = Exercise("bench-press-barbell"), notes = "Paused reps" };

        var first = await client.PostAsync($"{Base}/workouts/{workout}/exercises", body);
        await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise("plank"), position = 1 });
        var retry = await client.PostAsync($"{Base}/workouts/{workout}/exercises", body);
        var stored = await client.GetAsync($"{Base}/workouts/{workout}");

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(id.ToString(), first.Body.Id());
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(id.ToString(), retry.Body.Id());
        Assert.Equal(2, retry.Body.GetProperty("position").GetInt32());
        Assert.Equal("Paused reps", retry.Body.GetProperty("notes").GetString());
        Assert.Equal(80m, retry.Body.GetProperty("previous").GetProperty("sets")[0].GetProperty("weight").GetDecimal());
        Assert.Equal(
            first.Body.GetProperty("previous").GetRawText(), retry.Body.GetProperty("previous").GetRawText());
        Assert.Equal(
            ["Plank", "Bench Press (Barbell)"], stored.Body.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("exerciseName").GetString()));
    }

    [Fact]
    public async Task A_retry_still_matches_after_the_exercise_was_reordered_and_edited()
    {
        using var client = await api.SignedInClientAsync("add-retry-edited@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("squat-barbell");
        var id = Guid.NewGuid();
        var body = new { id, exerciseId = Exercise("plank"), position = 1, supersetGroup = 2 };

        var first = await client.PostAsync($"{Base}/workouts/{workout}/exercises", body);
        await client.PutAsync($"{Base}/workouts/{workout}/exercises/order", new { order = new[] { ids[0], id.ToString() } });
        await client.PatchAsync($"{Base}/workouts/{workout}/exercises/{id}", new { supersetGroup = 0, notes = "Edited later" });
        var retry = await client.PostAsync($"{Base}/workouts/{workout}/exercises", body);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(2, retry.Body.GetProperty("position").GetInt32());
        Assert.Equal("Edited later", retry.Body.GetProperty("notes").GetString());
        Assert.Equal(2, (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises").GetArrayLength());
    }

    [Fact]
    public async Task The_same_id_with_other_content_is_refused_and_changes_nothing()
    {
        using var client = await api.SignedInClientAsync("add-conflict@example.com");
        var (workout, _) = await client.StartWorkoutAsync("squat-barbell");
        var id = Guid.NewGuid();
        var first = await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("plank"), notes = "Hold" });
        var before = (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetRawText();

        ApiResponse[] refused =
        [
            await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("pull-up"), notes = "Hold" }),
            await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("plank"), notes = "Other" }),
            await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("plank") }),
            await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("plank"), notes = "Hold", position = 1 }),
            await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { id, exerciseId = Exercise("plank"), notes = "Hold", supersetGroup = 1 }),
        ];

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("exercise_conflict", r.ErrorCode);
        });
        Assert.Equal(before, (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetRawText());
    }

    [Fact]
    public async Task An_id_already_used_in_another_workout_or_by_a_server_made_exercise_is_refused()
    {
        using var client = await api.SignedInClientAsync("add-other-workout@example.com");
        var (earlier, serverMade) = await client.StartWorkoutAsync("squat-barbell");
        var id = Guid.NewGuid();
        var body = new { id, exerciseId = Exercise("plank") };
        await client.PostAsync($"{Base}/workouts/{earlier}/exercises", body);
        await client.PostAsync($"{Base}/workouts/{earlier}/finish", new { });
        var (workout, _) = await client.StartWorkoutAsync();

        var reused = await client.PostAsync($"{Base}/workouts/{workout}/exercises", body);
        var serverId = await client.PostAsync($"{Base}/workouts/{earlier}/exercises", new { id = serverMade[0], exerciseId = Exercise("squat-barbell") });

        Assert.Equal(HttpStatusCode.Conflict, reused.Status);
        Assert.Equal("exercise_conflict", reused.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, serverId.Status);
        Assert.Equal(0, (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises").GetArrayLength());
        Assert.Equal(2, (await client.GetAsync($"{Base}/workouts/{earlier}")).Body.GetProperty("exercises").GetArrayLength());
    }

    [Fact]
    public async Task Ten_parallel_retries_of_one_add_store_one_exercise()
    {
        using var client = await api.SignedInClientAsync("add-parallel@example.com");
        var (workout, _) = await client.StartWorkoutAsync("squat-barbell");
        var id = Guid.NewGuid();
        var body = new { id, exerciseId = Exercise("plank") };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsync($"{Base}/workouts/{workout}/exercises", body)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(responses, r => Assert.Equal(id.ToString(), r.Body.Id()));
        Assert.Equal(1, await api.CountAsync("select count(*) from workout_exercises where id = @id", ("id", id)));
        Assert.Equal(2, (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises").GetArrayLength());
    }

    [Fact]
    public async Task Another_persons_id_is_refused_and_their_exercise_is_untouched()
    {
        using var owner = await api.SignedInClientAsync("add-owner@example.com");
        using var other = await api.SignedInClientAsync("add-intruder@example.com");
        var (ownerWorkout, _) = await owner.StartWorkoutAsync();
        var (otherWorkout, _) = await other.StartWorkoutAsync();
        var id = Guid.NewGuid();
        var body = new { id, exerciseId = Exercise("plank"), notes = "Mine" };
        await owner.PostAsync($"{Base}/workouts/{ownerWorkout}/exercises", body);

        var clash = await other.PostAsync($"{Base}/workouts/{otherWorkout}/exercises", body);
        var intoOwners = await other.PostAsync($"{Base}/workouts/{ownerWorkout}/exercises", body);

        Assert.Equal(HttpStatusCode.Conflict, clash.Status);
        Assert.Equal("exercise_conflict", clash.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, intoOwners.Status);
        Assert.Equal(0, (await other.GetAsync($"{Base}/workouts/{otherWorkout}")).Body.GetProperty("exercises").GetArrayLength());
        var kept = (await owner.GetAsync($"{Base}/workouts/{ownerWorkout}")).Body.GetProperty("exercises")[0];
        Assert.Equal(id.ToString(), kept.Id());
        Assert.Equal("Mine", kept.GetProperty("notes").GetString());
    }

    [Theory]
    [InlineData("\"not-a-uuid\"")]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"")]
    [InlineData("12345")]
    [InlineData("{}")]
    public async Task A_malformed_id_is_refused_naming_the_field(string id)
    {
        using var client = await api.SignedInClientAsync($"add-bad-id-{Guid.NewGuid():N}@example.com");
        var (workout, _) = await client.StartWorkoutAsync("squat-barbell");
        var body = $"{{\"id\": {id}, \"exerciseId\": \"{Exercise("plank")}\"}}";

        var response = await client.PostRawAsync($"{Base}/workouts/{workout}/exercises", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("id", response.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(1, (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises").GetArrayLength());
    }
}
