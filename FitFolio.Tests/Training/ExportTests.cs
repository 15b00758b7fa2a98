using System.Net;
using System.Text.Json;
using FitFolio.Grains.Training;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class ExportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_csv_export_has_one_row_per_set_with_documented_columns()
    {
        using var client = await api.SignedInClientAsync("export-csv@example.com");
        var (workout, ids) = await client.StartWorkoutAsync("bench-press-barbell", "plank");
        var first = Guid.NewGuid();
        await client.LogAsync(workout, ids[0], new { id = first, weight = 225, weightUnit = "lb", reps = 5, rpe = 8, notes = "Tough, but \"fine\"" });
        await client.LogAsync(workout, ids[0], new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 8, notes = "=HYPERLINK(\"x\")" });
        await client.LogAsync(workout, ids[1], new { id = Guid.NewGuid(), durationSeconds = 90 });

        var response = await client.GetAsync($"{Base}/export.csv");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var (mediaType, fileName) = await ContentHeadersAsync(client);
        Assert.Equal("text/csv", mediaType);
        Assert.Equal("fitfolio-training.csv", fileName);
        var lines = response.Text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(TrainingExport.CsvHeader, lines[0]);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{workout},Test session,in_progress,", lines[1], StringComparison.Ordinal);
        Assert.Contains($",{first},1,working,5,225,lb,102.0583,,,8,,\"Tough, but \"\"fine\"\"\",", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",heaviest_weight|best_e1rm|most_reps_at_weight|best_set_volume|best_session_volume", lines[1], StringComparison.Ordinal);
        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", lines[2], StringComparison.Ordinal);
        Assert.Contains(",Plank,2,", lines[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_export_holds_custom_exercises_programs_workouts_and_body_weight()
    {
        using var client = await api.SignedInClientAsync("export-json@example.com");
        var custom = (await client.PostAsync($"{Base}/exercises", new
        {
            name = "Landmine Press",
            category = "shoulders",
            primaryMuscles = new[] { "front_delts" },
            equipment = "barbell",
            kind = "weight_reps"
        })).Body.Id();
        await client.PostAsync(
            $"{Base}/programs", new { name = "Plan", days = new[] { new { name = "A", exercises = new[] { new { exerciseId = custom, targetSets = 3 } } } } });
        var (workout, _) = await client.StartWorkoutAsync();
        var added = (await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = custom })).Body.Id();
        await client.LogAsync(workout, added, new { id = Guid.NewGuid(), weight = 40, weightUnit = "kg", reps = 10 });
        await client.PutAsync($"{Base}/body-weight/2024-02-02", new { weight = 70, unit = "kg" });
        var userId = Guid.Parse(await client.UserIdAsync());

        var data = await api.Host.App.Services.GetRequiredService<TrainingExport>().ExportAsync(userId, TestContext.Current.CancellationToken);
        var json = JsonSerializer.SerializeToElement(data, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal("Landmine Press", json.GetProperty("customExercises")[0].GetProperty("name").GetString());
        Assert.Equal("Plan", json.GetProperty("programs")[0].GetProperty("name").GetString());
        var set = json.GetProperty("workouts")[0].GetProperty("exercises")[0].GetProperty("sets")[0];
        Assert.Equal(40m, set.GetProperty("weight").GetDecimal());
        Assert.Equal("2024-02-02", json.GetProperty("bodyWeight")[0].GetProperty("date").GetString());
    }

    private async Task<(string? MediaType, string? FileName)> ContentHeadersAsync(ApiClient client)
    {
        using var http = new HttpClient { BaseAddress = api.Host.Address };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/export.csv");
        request.Headers.Add("Cookie", string.Join("; ", client.Cookies.Select(c => $"{c.Key}={c.Value}")));
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }
}
