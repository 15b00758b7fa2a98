using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class WorkoutTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_workout_from_a_program_day_copies_its_exercises_supersets_and_targets()
    {
        using var client = await api.SignedInClientAsync("from-program@example.com");
        var program = await client.PostAsync($"{Base}/programs", new
        {
            name = "PPL",
            days = new[]
            {
                new
                {
                    name = "Legs",
                    exercises = new object[]
                    {
                        new
                        {
                            exerciseId = Exercise("squat-barbell"),
                            targetSets = 5,
                            repsMin = 5,
                            repsMax = 5,
                            targetWeight = 120,
                            weightUnit = "kg",
                            restSeconds = 180
                        },
                        new { exerciseId = Exercise("leg-extension-machine"), supersetGroup = 1, targetSets = 3, repsMin = 10, repsMax = 15 },
                        new { exerciseId = Exercise("lying-leg-curl-machine"), supersetGroup = 1, targetSets = 3, repsMin = 10, repsMax = 15 },
                    },
                },
            },
        });
        var day = program.Body.GetProperty("days")[0].Id();

        var workout = await client.PostAsync($"{Base}/workouts", new { programDayId = day });

        Assert.Equal(HttpStatusCode.Created, workout.Status);
        Assert.Equal("Legs", workout.Body.GetProperty("name").GetString());
        Assert.Equal("in_progress", workout.Body.GetProperty("status").GetString());
        Assert.Equal(program.Body.Id(), workout.Body.Id("programId"));
        var exercises = workout.Body.GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(
            ["Squat (Barbell)", "Leg Extension (Machine)", "Lying Leg Curl (Machine)"], exercises.Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Equal(120m, exercises[0].GetProperty("target").GetProperty("weight").GetDecimal());
        Assert.Equal(5, exercises[0].GetProperty("target").GetProperty("sets").GetInt32());
        Assert.Equal(180, exercises[0].GetProperty("target").GetProperty("restSeconds").GetInt32());
        Assert.Equal(1, exercises[2].GetProperty("supersetGroup").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, exercises[0].GetProperty("previous").ValueKind);
    }

    [Fact]
    public async Task Exercises_are_added_swapped_reordered_skipped_and_removed_on_the_fly()
    {
        using var client = await api.SignedInClientAsync("on-the-fly@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell", "squat-barbell", "plank");

        var inserted = await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise("pull-up"), position = 1 });
        var swapped = await client.PostAsync($"{Base}/workouts/{workout}/exercises/{ids[1]}/swap", new { exerciseId = Exercise("front-squat-barbell") });
        var skipped = await client.PatchAsync($"{Base}/workouts/{workout}/exercises/{ids[2]}", new { skipped = true, notes = "Back was sore" });
        var reordered = await client.PutAsync(
            $"{Base}/workouts/{workout}/exercises/order", new { order = new[] { ids[2], ids[1], ids[0], inserted.Body.Id() } });
        var removed = await client.DeleteAsync($"{Base}/workouts/{workout}/exercises/{ids[0]}");
        var final = await client.GetAsync($"{Base}/workouts/{workout}");

        Assert.Equal(1, inserted.Body.GetProperty("position").GetInt32());
        Assert.Equal("Front Squat (Barbell)", swapped.Body.GetProperty("exerciseName").GetString());
        Assert.True(skipped.Body.GetProperty("skipped").GetBoolean());
        Assert.Equal(["Plank", "Front Squat (Barbell)", "Bench Press (Barbell)", "Pull Up"],
            reordered.Body.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        var left = final.Body.GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(["Plank", "Front Squat (Barbell)", "Pull Up"], left.Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Equal([1, 2, 3], left.Select(e => e.GetProperty("position").GetInt32()));
        Assert.Equal("Back was sore", left[0].GetProperty("notes").GetString());
    }

    [Fact]
    public async Task An_exercise_with_sets_cannot_be_swapped_and_a_bad_order_is_refused()
    {
        using var client = await api.SignedInClientAsync("swap-guard@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell", "squat-barbell");
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 10 });

        var swap = await client.PostAsync($"{Base}/workouts/{workout}/exercises/{ids[0]}/swap", new { exerciseId = Exercise("bench-press-dumbbell") });
        var partial = await client.PutAsync($"{Base}/workouts/{workout}/exercises/order", new { order = new[] { ids[1] } });
        var unknown = await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Conflict, swap.Status);
        Assert.Equal("exercise_has_sets", swap.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, partial.Status);
        Assert.Equal("order", partial.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("unknown_exercise", unknown.ErrorCode);
        var after = await client.GetAsync($"{Base}/workouts/{workout}");
        Assert.Equal(
            ["Bench Press (Barbell)", "Squat (Barbell)"],
            after.Body.GetProperty("exercises").EnumerateArray().Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Single(after.Body.GetProperty("exercises")[0].GetProperty("sets").EnumerateArray());
    }

    [Fact]
    public async Task Adding_an_exercise_prefills_the_sets_from_the_last_time_it_was_done()
    {
        using var client = await api.SignedInClientAsync("prefill@example.com");
        var (first, ids) = await client.StartWorkoutAsync("overhead-press-barbell");
        await client.LogAsync(first, ids[0], new { id = Guid.NewGuid(), type = "warmup", weight = 20, weightUnit = "kg", reps = 10 });
        await client.LogAsync(first, ids[0], new { id = Guid.NewGuid(), weight = 135, weightUnit = "lb", reps = 5, rpe = 8 });
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Base}/workouts/{first}/finish", new { })).Status);

        var (second, _) = await client.StartWorkoutAsync();
        var added = await client.PostAsync($"{Base}/workouts/{second}/exercises", new { exerciseId = Exercise("overhead-press-barbell") });
        var last = await client.GetAsync($"{Base}/exercises/{Exercise("overhead-press-barbell")}/last");
        var never = await client.GetAsync($"{Base}/exercises/{Exercise("snatch-barbell")}/last");

        var previous = added.Body.GetProperty("previous");
        Assert.Equal(first, previous.Id("workoutId"));
        var sets = previous.GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal(["warmup", "working"], sets.Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(135m, sets[1].GetProperty("weight").GetDecimal());
        Assert.Equal("lb", sets[1].GetProperty("weightUnit").GetString());
        Assert.Equal(8m, sets[1].GetProperty("rpe").GetDecimal());
        Assert.Equal(2, last.Body.GetProperty("sets").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, never.Body.GetProperty("workoutId").ValueKind);
        Assert.Empty(never.Body.GetProperty("sets").EnumerateArray());
    }

    [Fact]
    public async Task One_workout_is_in_progress_at_a_time_and_it_can_be_finished_or_abandoned()
    {
        using var client = await api.SignedInClientAsync("lifecycle@example.com");
        var first = (await client.PostAsync($"{Base}/workouts", new { name = "Morning" })).Body.Id();

        var second = await client.PostAsync($"{Base}/workouts", new { name = "Again" });
        var active = await client.GetAsync($"{Base}/workouts/active");
        var finished = await client.PostAsync($"{Base}/workouts/{first}/finish", new { });
        var finishAgain = await client.PostAsync($"{Base}/workouts/{first}/finish", new { });
        var next = (await client.PostAsync($"{Base}/workouts", new { name = "Evening" })).Body.Id();
        var abandoned = await client.PostAsync($"{Base}/workouts/{next}/abandon");
        var addToAbandoned = await client.PostAsync($"{Base}/workouts/{next}/exercises", new { exerciseId = Exercise("plank") });
        var noneActive = await client.GetAsync($"{Base}/workouts/active");
        var list = await client.GetAsync($"{Base}/workouts");

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("workout_in_progress", second.ErrorCode);
        Assert.Equal(first, active.Body.Id());
        Assert.Equal("finished", finished.Body.GetProperty("status").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, finished.Body.GetProperty("endedAt").ValueKind);
        Assert.Equal("workout_not_in_progress", finishAgain.ErrorCode);
        Assert.Equal("abandoned", abandoned.Body.GetProperty("status").GetString());
        Assert.Equal("workout_abandoned", addToAbandoned.ErrorCode);
        Assert.Equal(HttpStatusCode.NotFound, noneActive.Status);
        Assert.Equal(["Evening", "Morning"], list.Body.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Workouts_page_newest_first_with_a_cursor()
    {
        using var client = await api.SignedInClientAsync("paging@example.com");
        for (var i = 0; i < 3; i++)
        {
            var id = (await client.PostAsync($"{Base}/workouts", new { name = $"W{i}", startedAt = DateTimeOffset.UtcNow.AddDays(i - 10) })).Body.Id();
            await client.PostAsync($"{Base}/workouts/{id}/finish", new { });
        }

        var first = await client.GetAsync($"{Base}/workouts?limit=2");
        var second = await client.GetAsync($"{Base}/workouts?limit=2&cursor={first.Body.GetProperty("nextCursor").GetString()}");

        Assert.Equal(["W2", "W1"], first.Body.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(["W0"], second.Body.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.Body.GetProperty("nextCursor").ValueKind);
        Assert.Equal("cursor", (await client.GetAsync($"{Base}/workouts?cursor=garbage")).Body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Another_persons_workout_is_not_found_and_untouched()
    {
        using var owner = await api.SignedInClientAsync("workout-owner@example.com");
        using var other = await api.SignedInClientAsync("workout-snoop@example.com");
        var (workout, ids) = await owner.StartWorkoutAsync("deadlift-barbell");
        await owner.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 140, weightUnit = "kg", reps = 5 });

        var responses = new[]
        {
            await other.GetAsync($"{Base}/workouts/{workout}"),
            await other.PatchAsync($"{Base}/workouts/{workout}", new { name = "Hijacked" }),
            await other.PostAsync($"{Base}/workouts/{workout}/finish", new { }),
            await other.PostAsync($"{Base}/workouts/{workout}/abandon"),
            await other.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise("plank") }),
            await other.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 1, weightUnit = "kg", reps = 1 }),
            await other.DeleteAsync($"{Base}/workouts/{workout}/exercises/{ids[0]}"),
            await other.DeleteAsync($"{Base}/workouts/{workout}"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.All(responses, r => Assert.Equal("not_found", r.ErrorCode));
        var still = await owner.GetAsync($"{Base}/workouts/{workout}");
        Assert.Equal("Test session", still.Body.GetProperty("name").GetString());
        Assert.Equal("in_progress", still.Body.GetProperty("status").GetString());
        Assert.Single(still.Body.GetProperty("exercises")[0].GetProperty("sets").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/training/workouts/not-a-uuid", "id")]
    [InlineData("/api/v1/training/exercises/42", "id")]
    [InlineData("/api/v1/training/programs/x", "id")]
    public async Task Ids_that_are_not_uuids_are_refused(string path, string field)
    {
        using var client = await api.SignedInClientAsync("bad-ids@example.com");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_id", response.ErrorCode);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
    }
}
