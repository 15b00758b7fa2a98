using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class ProgressTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task An_exercise_has_one_chart_point_per_workout_with_estimated_max_and_volume()
    {
        using var client = await api.SignedInClientAsync("series@example.com");
        var today = DateTimeOffset.UtcNow;
        await PastWorkoutAsync(client, today.AddDays(-3), "bench-press-barbell", (100, 5, "working"), (100, 5, "working"), (140, 1, "warmup"));
        await PastWorkoutAsync(client, today.AddDays(-1), "bench-press-barbell", (110, 3, "working"), (60, 20, "working"));

        var all = (await client.GetAsync($"{Base}/exercises/{Exercise("bench-press-barbell")}/progress")).Body.GetProperty("items").EnumerateArray().ToList();
        var recent = await client.GetAsync($"{Base}/exercises/{Exercise("bench-press-barbell")}/progress?from={today.AddDays(-2):yyyy-MM-dd}");

        Assert.Equal(2, all.Count);
        Assert.Equal(today.AddDays(-3).ToString("yyyy-MM-dd"), all[0].GetProperty("date").GetString());
        Assert.Equal(116.67m, all[0].GetProperty("bestE1rmKg").GetDecimal());
        Assert.Equal(100m, all[0].GetProperty("bestWeightKg").GetDecimal());
        Assert.Equal(1000m, all[0].GetProperty("volumeKg").GetDecimal());
        Assert.Equal(10, all[0].GetProperty("totalReps").GetInt32());
        Assert.Equal(2, all[0].GetProperty("sets").GetInt32());
        Assert.Equal(121m, all[1].GetProperty("bestE1rmKg").GetDecimal());
        Assert.Equal(1530m, all[1].GetProperty("volumeKg").GetDecimal());
        Assert.Single(recent.Body.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Weekly_volume_counts_primary_muscles_fully_and_secondary_muscles_half()
    {
        using var client = await api.SignedInClientAsync("muscles@example.com");
        var (abandoned, skippedIds) = await client.StartWorkoutAsync("squat-barbell");
        await client.LogAsync(abandoned, skippedIds[0], new { id = Guid.NewGuid(), weight = 100, weightUnit = "kg", reps = 5 });
        await client.PostAsync($"{Base}/workouts/{abandoned}/abandon");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell", "pull-up");
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 100, weightUnit = "kg", reps = 5 });
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 100, weightUnit = "kg", reps = 5 });
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 10, type = "warmup" });
        await client.LogAsync(workout, ids[1], new { id = Guid.NewGuid(), reps = 10 });

        var response = await client.GetAsync($"{Base}/progress/muscle-volume?weeks=1");

        var points = response.Body.GetProperty("items").EnumerateArray().ToDictionary(p => p.GetProperty("muscle").GetString()!);
        Assert.Equal(["biceps", "chest", "front_delts", "lats", "triceps", "upper_back"], points.Keys.Order());
        Assert.Equal(2m, points["chest"].GetProperty("sets").GetDecimal());
        Assert.Equal(1000m, points["chest"].GetProperty("volumeKg").GetDecimal());
        Assert.Equal(1m, points["triceps"].GetProperty("sets").GetDecimal());
        Assert.Equal(500m, points["triceps"].GetProperty("volumeKg").GetDecimal());
        Assert.Equal(1m, points["lats"].GetProperty("sets").GetDecimal());
        Assert.Equal(0m, points["lats"].GetProperty("volumeKg").GetDecimal());
        Assert.Equal(0.5m, points["biceps"].GetProperty("sets").GetDecimal());
        var monday = DateTime.UtcNow.Date.AddDays(-(((int)DateTime.UtcNow.DayOfWeek + 6) % 7));
        Assert.All(points.Values, p => Assert.Equal(monday.ToString("yyyy-MM-dd"), p.GetProperty("weekStart").GetString()));
    }

    [Theory]
    [InlineData("/progress/muscle-volume?weeks=0", "weeks")]
    [InlineData("/progress/muscle-volume?tz=Mars/Olympus", "tz")]
    [InlineData("/progress/muscle-volume?tz=UTC';drop table users;--", "tz")]
    [InlineData("/body-weight?from=yesterday", "from")]
    public async Task Bad_progress_queries_are_refused_naming_the_parameter(string path, string field)
    {
        using var client = await api.SignedInClientAsync("bad-progress@example.com");

        var response = await client.GetAsync(Base + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_body_weight_log_keeps_one_entry_a_day_as_entered_and_in_kg()
    {
        using var client = await api.SignedInClientAsync("body-weight@example.com");

        var created = await client.PutAsync($"{Base}/body-weight/2024-05-01", new { weight = 80.5, unit = "kg" });
        var replaced = await client.PutAsync($"{Base}/body-weight/2024-05-01", new { weight = 178, unit = "lb", notes = "After breakfast" });
        await client.PutAsync($"{Base}/body-weight/2024-05-03", new { weight = 80.1, unit = "kg" });
        var series = (await client.GetAsync($"{Base}/body-weight")).Body.GetProperty("items").EnumerateArray().ToList();
        var later = await client.GetAsync($"{Base}/body-weight?from=2024-05-02");
        var deleted = await client.DeleteAsync($"{Base}/body-weight/2024-05-03");
        var again = await client.DeleteAsync($"{Base}/body-weight/2024-05-03");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        Assert.Equal(80.74m, replaced.Body.GetProperty("weightKg").GetDecimal());
        Assert.Equal(["2024-05-01", "2024-05-03"], series.Select(e => e.GetProperty("date").GetString()));
        Assert.Equal("lb", series[0].GetProperty("unit").GetString());
        Assert.Equal("After breakfast", series[0].GetProperty("notes").GetString());
        Assert.Single(later.Body.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, again.Status);
    }

    [Theory]
    [InlineData("2024-05-01", """{"weight":10,"unit":"kg"}""", "weight")]
    [InlineData("2024-05-01", """{"weight":-80,"unit":"kg"}""", "weight")]
    [InlineData("2024-05-01", """{"weight":1200,"unit":"lb"}""", "weight")]
    [InlineData("2024-05-01", """{"weight":80,"unit":"stone"}""", "unit")]
    [InlineData("2024-05-01", """{"unit":"kg"}""", "weight")]
    [InlineData("2024-13-01", """{"weight":80,"unit":"kg"}""", "date")]
    [InlineData("2999-01-01", """{"weight":80,"unit":"kg"}""", "date")]
    public async Task Bad_body_weights_are_refused_and_the_day_keeps_its_entry(string date, string body, string field)
    {
        using var client = await api.SignedInClientAsync($"bad-weight-{Guid.NewGuid():N}@example.com");
        await client.PutAsync($"{Base}/body-weight/2024-05-01", new { weight = 75, unit = "kg" });

        var response = await client.SendAsync(
            HttpMethod.Put, $"{Base}/body-weight/{date}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
        var entry = Assert.Single((await client.GetAsync($"{Base}/body-weight")).Body.GetProperty("items").EnumerateArray());
        Assert.Equal(75m, entry.GetProperty("weight").GetDecimal());
    }

    private static async Task PastWorkoutAsync(ApiClient client, DateTimeOffset startedAt, string slug, params (decimal Weight, int Reps, string Type)[] sets)
    {
        var workout = (await client.PostAsync($"{Base}/workouts", new { name = "Past", startedAt })).Body.Id();
        var exercise = (await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise(slug) })).Body.Id();
        foreach (var (weight, reps, type) in sets)
        {
            await client.LogAsync(workout, exercise, new { id = Guid.NewGuid(), weight, weightUnit = "kg", reps, type });
        }

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"{Base}/workouts/{workout}/finish", new { })).Status);
    }
}
