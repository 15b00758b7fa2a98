using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class PersonalRecordTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_first_set_sets_every_record_and_the_answer_says_what_it_beat()
    {
        using var client = await api.SignedInClientAsync("pr-first@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell");

        var first = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 100, weightUnit = "kg", reps = 5 });
        var heavier = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 105, weightUnit = "kg", reps = 3 });

        var records = first.Body.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        Assert.Equal(["best_e1rm", "best_session_volume", "best_set_volume", "heaviest_weight", "most_reps_at_weight"], records.Keys.Order());
        Assert.Equal(100m, records["heaviest_weight"].GetProperty("value").GetDecimal());
        Assert.Equal(116.67m, records["best_e1rm"].GetProperty("value").GetDecimal());
        Assert.Equal(500m, records["best_set_volume"].GetProperty("value").GetDecimal());
        Assert.Equal(100m, records["most_reps_at_weight"].GetProperty("atWeightKg").GetDecimal());
        Assert.All(records.Values, r => Assert.Equal(System.Text.Json.JsonValueKind.Null, r.GetProperty("previous").ValueKind));
        var beaten = heavier.Body.GetProperty("records").EnumerateArray().ToDictionary(r => r.GetProperty("type").GetString()!);
        Assert.Equal(["heaviest_weight", "most_reps_at_weight"], beaten.Keys.Order());
        Assert.Equal(100m, beaten["heaviest_weight"].GetProperty("previous").GetDecimal());
        Assert.Equal(105m, beaten["heaviest_weight"].GetProperty("value").GetDecimal());
        Assert.Equal("kg", beaten["heaviest_weight"].GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_tie_is_not_a_new_record()
    {
        using var client = await api.SignedInClientAsync("pr-tie@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("squat-barbell");
        await client.LogRecordsAsync(workout, ids[0], 100, 5);

        Assert.Empty(await client.LogRecordsAsync(workout, ids[0], 100, 5));
        Assert.Empty(await client.LogRecordsAsync(workout, ids[0], 220.46m, 5, "lb"));
        Assert.Equal(["most_reps_at_weight"], await client.LogRecordsAsync(workout, ids[0], 90, 5));
    }

    [Fact]
    public async Task Pounds_and_kilograms_are_compared_in_kilograms()
    {
        using var client = await api.SignedInClientAsync("pr-units@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("deadlift-barbell");
        await client.LogRecordsAsync(workout, ids[0], 100, 1);

        var lighter = await client.LogRecordsAsync(workout, ids[0], 220, 1, "lb");
        var heavier = await client.LogRecordsAsync(workout, ids[0], 225, 1, "lb");

        Assert.DoesNotContain("heaviest_weight", lighter);
        Assert.Contains("heaviest_weight", heavier);
        Assert.Contains("best_e1rm", heavier);
        var records = (await client.GetAsync($"{Base}/records?exerciseId={Exercise("deadlift-barbell")}")).Body.GetProperty("items").EnumerateArray();
        Assert.Equal(102.06m, records.Single(r => r.GetProperty("type").GetString() == "heaviest_weight").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task More_than_twelve_reps_gives_no_estimated_max()
    {
        using var client = await api.SignedInClientAsync("pr-reps@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("leg-press-machine");

        var fifteen = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 200, weightUnit = "kg", reps = 15 });
        var twelve = await client.LogRecordsAsync(workout, ids[0], 150, 12);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, fifteen.Body.GetProperty("set").GetProperty("e1rmKg").ValueKind);
        Assert.DoesNotContain(fifteen.Body.GetProperty("records").EnumerateArray(), r => r.GetProperty("type").GetString() == "best_e1rm");
        Assert.Contains("best_e1rm", twelve);
    }

    [Fact]
    public async Task Warm_up_sets_never_count()
    {
        using var client = await api.SignedInClientAsync("pr-warmup@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("overhead-press-barbell");

        var warmup = await client.LogRecordsAsync(workout, ids[0], 80, 3, type: "warmup");
        var working = await client.LogRecordsAsync(workout, ids[0], 50, 5);

        Assert.Empty(warmup);
        Assert.Contains("heaviest_weight", working);
        var heaviest = (await client.GetAsync($"{Base}/records?exerciseId={Exercise("overhead-press-barbell")}")).Body.GetProperty("items")
            .EnumerateArray().Single(r => r.GetProperty("type").GetString() == "heaviest_weight");
        Assert.Equal(50m, heaviest.GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Bodyweight_sets_set_records_on_reps_and_added_weight()
    {
        using var client = await api.SignedInClientAsync("pr-bodyweight@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("pull-up");

        var first = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), reps = 10 });
        var same = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), reps = 10 });
        var more = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), reps = 12 });
        var weighted = await client.LogRecordsAsync(workout, ids[0], 10, 5);

        var firstRecord = Assert.Single(first.Body.GetProperty("records").EnumerateArray());
        Assert.Equal("most_reps_at_weight", firstRecord.GetProperty("type").GetString());
        Assert.Equal(0m, firstRecord.GetProperty("atWeightKg").GetDecimal());
        Assert.Equal("reps", firstRecord.GetProperty("unit").GetString());
        Assert.Empty(same.Body.GetProperty("records").EnumerateArray());
        Assert.Equal(10m, Assert.Single(more.Body.GetProperty("records").EnumerateArray()).GetProperty("previous").GetDecimal());
        Assert.Equal(["heaviest_weight", "most_reps_at_weight"], weighted.Order());
    }

    [Fact]
    public async Task Best_session_volume_compares_whole_workouts()
    {
        using var client = await api.SignedInClientAsync("pr-session@example.com");
        var (first, ids) = await client.StartWorkoutAsync("bench-press-barbell");
        for (var i = 0; i < 3; i++)
        {
            await client.LogRecordsAsync(first, ids[0], 100, 5);
        }

        await client.PostAsync($"{Base}/workouts/{first}/finish", new { });
        var (second, next) = await client.StartWorkoutAsync("bench-press-barbell");

        var marks = new List<string[]>();
        for (var i = 0; i < 4; i++)
        {
            marks.Add(await client.LogRecordsAsync(second, next[0], 100, 5));
        }

        Assert.All(marks.Take(3), m => Assert.DoesNotContain("best_session_volume", m));
        Assert.Contains("best_session_volume", marks[3]);
        var session = (await client.GetAsync($"{Base}/records?exerciseId={Exercise("bench-press-barbell")}")).Body.GetProperty("items")
            .EnumerateArray().Single(r => r.GetProperty("type").GetString() == "best_session_volume");
        Assert.Equal(2000m, session.GetProperty("value").GetDecimal());
        Assert.Equal(second, session.Id("workoutId"));
    }

    [Fact]
    public async Task Abandoning_a_workout_or_deleting_a_set_takes_its_records_back()
    {
        using var client = await api.SignedInClientAsync("pr-abandon@example.com");
        var (first, ids) = await client.StartWorkoutAsync("front-squat-barbell");
        await client.LogRecordsAsync(first, ids[0], 100, 3);
        var topSet = Guid.NewGuid();
        await client.LogAsync(first, ids[0], new { id = topSet, weight = 110, weightUnit = "kg", reps = 1 });
        await client.PostAsync($"{Base}/workouts/{first}/finish", new { });
        var (second, next) = await client.StartWorkoutAsync("front-squat-barbell");
        await client.LogRecordsAsync(second, next[0], 120, 1);

        await client.PostAsync($"{Base}/workouts/{second}/abandon");
        var afterAbandon = await Heaviest(client);
        await client.DeleteAsync($"{Base}/workouts/{first}/sets/{topSet}");
        var afterDelete = await Heaviest(client);
        var history = await client.GetAsync($"{Base}/workouts/{first}");

        Assert.Equal(110m, afterAbandon);
        Assert.Equal(100m, afterDelete);
        Assert.Contains(
            "heaviest_weight",
            history.Body.GetProperty("exercises")[0].GetProperty("sets")[0].GetProperty("records").EnumerateArray().Select(r => r.GetString()));
        var abandoned = await client.GetAsync($"{Base}/workouts/{second}");
        Assert.Empty(abandoned.Body.GetProperty("exercises")[0].GetProperty("sets")[0].GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task Time_and_distance_exercises_record_the_longest()
    {
        using var client = await api.SignedInClientAsync("pr-time@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("plank", "running");

        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), durationSeconds = 60 });
        var longer = await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), durationSeconds = 75 });
        var run = await client.LogAsync(workout, ids[1], new { id = Guid.NewGuid(), distanceMeters = 5000, durationSeconds = 1500 });

        var record = Assert.Single(longer.Body.GetProperty("records").EnumerateArray());
        Assert.Equal("longest_duration", record.GetProperty("type").GetString());
        Assert.Equal("s", record.GetProperty("unit").GetString());
        Assert.Equal("longest_distance", Assert.Single(run.Body.GetProperty("records").EnumerateArray()).GetProperty("type").GetString());
    }

    private static async Task<decimal> Heaviest(ApiClient client)
    {
        var response = await client.GetAsync($"{Base}/records?exerciseId={Exercise("front-squat-barbell")}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Body.GetProperty("items")
            .EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "heaviest_weight")
            .GetProperty("value")
            .GetDecimal();
    }
}
