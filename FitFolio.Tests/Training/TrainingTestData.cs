using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Training;

/// <summary>Shortcuts for the training tests: catalog ids by slug, JSON verbs ApiClient lacks, common setups.</summary>
internal static class TrainingTestData
{
    public const string Base = "/api/v1/training";

    /// <summary>A built-in exercise's id: the migration derives it from the slug the same way.</summary>
    public static Guid Exercise(string slug) =>
        Guid.ParseExact(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("fitfolio-exercise:" + slug))), "N");

    public static Task<ApiResponse> PutAsync(this ApiClient client, string path, object body) =>
        client.SendAsync(HttpMethod.Put, path, JsonContent.Create(body));

    public static Task<ApiResponse> PatchAsync(this ApiClient client, string path, object body) =>
        client.SendAsync(HttpMethod.Patch, path, JsonContent.Create(body));

    public static async Task<ApiResponse> PostCsvAsync(this ApiClient client, string path, byte[] body, string contentType = "text/csv") =>
        await client.SendAsync(HttpMethod.Post, path, new ByteArrayContent(body) { Headers = { ContentType = new(contentType) } });

    /// <summary>
    /// Imports a file as the app does: posts it (202 with the first progress), then polls its progress until the job ends.
    /// Answers every progress seen, in order; the last one has ended.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> ImportProgressAsync(
        this ApiClient client, string path, byte[] body, string contentType = "text/csv") =>
        await client.FollowImportAsync(await client.PostCsvAsync(path, body, contentType));

    /// <summary>Polls the progress of the import <paramref name="started"/> answered (202) until it ends; answers every progress seen.</summary>
    public static async Task<IReadOnlyList<JsonElement>> FollowImportAsync(this ApiClient client, ApiResponse started)
    {
        Assert.True(started.Status == System.Net.HttpStatusCode.Accepted, started.Text);
        Assert.Equal($"{Base}/imports/{started.Body.Id()}", started.Headers["Location"]);
        var seen = new List<JsonElement> { started.Body };
        var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
        while (seen[^1].GetProperty("status").GetString() == "running")
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The import did not end within 2 minutes.");
            await Task.Delay(20, TestContext.Current.CancellationToken);
            var polled = await client.GetAsync($"{Base}/imports/{started.Body.Id()}");
            Assert.True(polled.Status == System.Net.HttpStatusCode.OK, polled.Text);
            seen.Add(polled.Body);
        }

        return seen;
    }

    /// <summary>The summary of an import that finished (the last progress <see cref="FollowImportAsync"/> saw).</summary>
    public static JsonElement SummaryOf(IReadOnlyList<JsonElement> progress)
    {
        Assert.True(progress[^1].GetProperty("status").GetString() == "finished", progress[^1].ToString());
        return progress[^1].GetProperty("summary");
    }

    /// <summary>Imports a file to the end (<see cref="ImportProgressAsync"/>) and answers its summary.</summary>
    public static async Task<JsonElement> ImportCsvAsync(this ApiClient client, string path, byte[] body, string contentType = "text/csv") =>
        SummaryOf(await client.ImportProgressAsync(path, body, contentType));

    /// <summary>A hand-written export from <c>Training/Samples</c>, byte for byte.</summary>
    public static byte[] Sample(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Training", "Samples", name));

    public static string Id(this JsonElement element, string property = "id") => element.GetProperty(property).GetString()!;

    /// <summary>Starts an empty workout and adds the exercises; returns the workout id and each workout-exercise id.</summary>
    public static async Task<(string Workout, string[] Exercises)> StartWorkoutAsync(this ApiClient client, params string[] slugs)
    {
        var started = await client.PostAsync($"{Base}/workouts", new { name = "Test session" });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.Status);
        var workout = started.Body.Id();
        var ids = new List<string>();
        foreach (var slug in slugs)
        {
            var added = await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = Exercise(slug) });
            Assert.Equal(System.Net.HttpStatusCode.Created, added.Status);
            ids.Add(added.Body.Id());
        }

        return (workout, [.. ids]);
    }

    public static Task<ApiResponse> LogAsync(this ApiClient client, string workout, string exercise, object set) =>
        client.PostAsync($"{Base}/workouts/{workout}/exercises/{exercise}/sets", set);

    /// <summary>Logs a set with a fresh id and returns the record types it set.</summary>
    public static async Task<string[]> LogRecordsAsync(
        this ApiClient client, string workout, string exercise, decimal? weight, int? reps, string unit = "kg", string type = "working")
    {
        var response = await client.LogAsync(workout, exercise, new { id = Guid.NewGuid(), weight, weightUnit = unit, reps, type });
        Assert.True(response.Status == System.Net.HttpStatusCode.Created, response.Text);
        return [.. response.Body.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("type").GetString()!)];
    }

    public static Task<long> CountAsync(this ApiFixture api, string sql, params (string Name, object Value)[] parameters) =>
        api.Database.CountAsync(sql, parameters);

    public static async Task<string> UserIdAsync(this ApiClient client) => (await client.GetAsync("/api/v1/auth/me")).Body.Id();
}
