using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class SetLoggingTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Logging_a_set_stores_it_as_entered_and_in_kg()
    {
        using var client = await api.SignedInClientAsync("log-set@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell");

        var logged = await client.LogAsync(
            workout, ids[0], new { id = Guid.NewGuid(), weight = 225, weightUnit = "lb", reps = 5, rpe = 8.5, notes = "Paused" });

        Assert.Equal(HttpStatusCode.Created, logged.Status);
        var set = logged.Body.GetProperty("set");
        Assert.Equal(225m, set.GetProperty("weight").GetDecimal());
        Assert.Equal("lb", set.GetProperty("weightUnit").GetString());
        Assert.Equal(102.06m, set.GetProperty("weightKg").GetDecimal());
        Assert.Equal("working", set.GetProperty("type").GetString());
        Assert.Equal(1, set.GetProperty("position").GetInt32());
        Assert.Equal(119.07m, set.GetProperty("e1rmKg").GetDecimal());
        Assert.Equal(8.5m, set.GetProperty("rpe").GetDecimal());
        Assert.Equal("Paused", set.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Logging_the_same_set_twice_stores_it_once_and_answers_the_stored_set()
    {
        using var client = await api.SignedInClientAsync("retry@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("squat-barbell");
        var set = new { id = Guid.NewGuid(), weight = 140, weightUnit = "kg", reps = 3 };

        var first = await client.LogAsync(workout, ids[0], set);
        var retry = await client.LogAsync(workout, ids[0], set);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Body.GetProperty("set").ToString(), retry.Body.GetProperty("set").ToString());
        Assert.Equal(first.Body.GetProperty("records").GetArrayLength(), retry.Body.GetProperty("records").GetArrayLength());
        Assert.Equal(1, await api.CountAsync("select count(*) from workout_sets where id = @id", ("id", set.id)));
    }

    [Fact]
    public async Task Ten_concurrent_retries_of_one_set_store_exactly_one_set()
    {
        using var client = await api.SignedInClientAsync("concurrent@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("deadlift-barbell");
        var set = new { id = Guid.NewGuid(), weight = 180, weightUnit = "kg", reps = 2 };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.LogAsync(workout, ids[0], set)));

        Assert.Single(responses, r => r.Status == HttpStatusCode.Created);
        Assert.Equal(9, responses.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(responses, r => Assert.Equal(set.id.ToString(), r.Body.GetProperty("set").Id()));
        Assert.Equal(1, await api.CountAsync("select count(*) from workout_sets where workout_id = @workout", ("workout", Guid.Parse(workout))));
    }

    [Fact]
    public async Task Reusing_a_set_id_for_other_content_is_a_conflict_and_keeps_the_stored_set()
    {
        using var client = await api.SignedInClientAsync("reuse@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell", "squat-barbell");
        var id = Guid.NewGuid();
        await client.LogAsync(workout, ids[0], new { id, weight = 80, weightUnit = "kg", reps = 8 });

        var otherWeight = await client.LogAsync(workout, ids[0], new { id, weight = 85, weightUnit = "kg", reps = 8 });
        var otherExercise = await client.LogAsync(workout, ids[1], new { id, weight = 80, weightUnit = "kg", reps = 8 });

        Assert.Equal(HttpStatusCode.Conflict, otherWeight.Status);
        Assert.Equal("set_conflict", otherWeight.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, otherExercise.Status);
        var stored = (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises")[0].GetProperty("sets")[0];
        Assert.Equal(80m, stored.GetProperty("weight").GetDecimal());
    }

    [Fact]
    public async Task Another_persons_set_id_is_never_overwritten()
    {
        using var owner = await api.SignedInClientAsync("set-owner@example.com");
        using var other = await api.SignedInClientAsync("set-clash@example.com");
        var (mine, myIds) = await owner.StartWorkoutAsync("bench-press-barbell");
        var (theirs, theirIds) = await other.StartWorkoutAsync("bench-press-barbell");
        var id = Guid.NewGuid();
        await owner.LogAsync(mine, myIds[0], new { id, weight = 80, weightUnit = "kg", reps = 8 });

        var clash = await other.LogAsync(theirs, theirIds[0], new { id, weight = 80, weightUnit = "kg", reps = 8 });
        var replace = await other.PutAsync($"{Base}/workouts/{mine}/sets/{id}", new { weight = 1, weightUnit = "kg", reps = 1 });

        Assert.Equal(HttpStatusCode.Conflict, clash.Status);
        Assert.Equal(HttpStatusCode.NotFound, replace.Status);
        Assert.Equal(
            80m, (await owner.GetAsync($"{Base}/workouts/{mine}")).Body.GetProperty("exercises")[0].GetProperty("sets")[0].GetProperty("weight").GetDecimal());
    }

    [Fact]
    public async Task A_set_can_be_replaced_and_deleted()
    {
        using var client = await api.SignedInClientAsync("edit-set@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell");
        var id = Guid.NewGuid();
        await client.LogAsync(workout, ids[0], new { id, weight = 80, weightUnit = "kg", reps = 8 });

        var replaced = await client.PutAsync($"{Base}/workouts/{workout}/sets/{id}", new { weight = 82.5, weightUnit = "kg", reps = 6, rir = 1 });
        var deleted = await client.DeleteAsync($"{Base}/workouts/{workout}/sets/{id}");
        var again = await client.DeleteAsync($"{Base}/workouts/{workout}/sets/{id}");

        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(82.5m, replaced.Body.GetProperty("set").GetProperty("weight").GetDecimal());
        Assert.Equal(1, replaced.Body.GetProperty("set").GetProperty("rir").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Theory]
    [InlineData("""{"weight":-5,"weightUnit":"kg","reps":5}""", "weight")]
    [InlineData("""{"weight":2000.5,"weightUnit":"kg","reps":5}""", "weight")]
    [InlineData("""{"weight":4500,"weightUnit":"lb","reps":5}""", "weight")]
    [InlineData("""{"weight":100.125,"weightUnit":"kg","reps":5}""", "weight")]
    [InlineData("""{"weight":100,"weightUnit":"stone","reps":5}""", "weightUnit")]
    [InlineData("""{"weight":100,"reps":5}""", "weightUnit")]
    [InlineData("""{"reps":5}""", "weight")]
    [InlineData("""{"weight":100,"weightUnit":"kg"}""", "reps")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":-1}""", "reps")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":1001}""", "reps")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":0}""", "reps")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"rpe":10.5}""", "rpe")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"rpe":7.3}""", "rpe")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"rir":11}""", "rir")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"rpe":8,"rir":2}""", "rir")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"type":"heavy"}""", "type")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":"five"}""", "reps")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5.5}""", "reps")]
    [InlineData("""{"weight":"1e9","weightUnit":"kg","reps":5}""", "weight")]
    [InlineData("""{"weight":100,"weightUnit":"kg","reps":5,"notes":"NOTES"}""", "notes")]
    public async Task Bad_sets_are_refused_naming_the_field_and_nothing_stored_is_lost(string body, string field)
    {
        using var client = await api.SignedInClientAsync($"bad-set-{Guid.NewGuid():N}@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell");
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 10 });
        var json = body.Insert(1, $"\"id\":\"{Guid.NewGuid()}\",").Replace("NOTES", new string('x', 2001), StringComparison.Ordinal);

        var response = await client.PostRawAsync($"{Base}/workouts/{workout}/exercises/{ids[0]}/sets", json);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
        var sets = (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises")[0].GetProperty("sets");
        Assert.Equal(60m, Assert.Single(sets.EnumerateArray()).GetProperty("weight").GetDecimal());
    }

    [Fact]
    public async Task Sets_follow_their_exercises_kind()
    {
        using var client = await api.SignedInClientAsync("kinds@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("plank", "rowing-machine", "pull-up", "pull-up-assisted");

        var noDuration = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), reps = 1 });
        var plank = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), durationSeconds = 90 });
        var row = await client.LogAsync(workout, ids[1], new { id = Guid.NewGuid(), distanceMeters = 2000, durationSeconds = 480 });
        var pullUp = await client.LogAsync(workout, ids[2], new { id = Guid.NewGuid(), reps = 8 });
        var failed = await client.LogAsync(workout, ids[2], new { id = Guid.NewGuid(), reps = 0, type = "failure" });
        var noAssistance = await client.LogAsync(workout, ids[3], new { id = Guid.NewGuid(), reps = 8 });

        Assert.Equal("durationSeconds", noDuration.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.Created, plank.Status);
        Assert.Equal(HttpStatusCode.Created, row.Status);
        Assert.Equal(2000m, row.Body.GetProperty("set").GetProperty("distanceMeters").GetDecimal());
        Assert.Equal(HttpStatusCode.Created, pullUp.Status);
        Assert.Equal(HttpStatusCode.Created, failed.Status);
        Assert.Equal("weight", noAssistance.Body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task An_unknown_workout_exercise_or_missing_id_is_refused()
    {
        using var client = await api.SignedInClientAsync("unknown-we@example.com");
        var (workout, _) = await client.StartWorkoutAsync("bench-press-barbell");

        var unknown = await client.LogAsync(workout, Guid.NewGuid().ToString(), new { id = Guid.NewGuid(), weight = 1, weightUnit = "kg", reps = 1 });
        var noId = await client.LogAsync(
            workout,
            (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises")[0].Id(),
            new { weight = 1, weightUnit = "kg", reps = 1 });
        var badPath = await client.LogAsync(workout, "nope", new { id = Guid.NewGuid(), weight = 1, weightUnit = "kg", reps = 1 });

        Assert.Equal(HttpStatusCode.NotFound, unknown.Status);
        Assert.Equal("id", noId.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal("invalid_id", badPath.ErrorCode);
        Assert.Equal("exerciseId", badPath.Body.GetProperty("error").GetProperty("field").GetString());
    }
}
