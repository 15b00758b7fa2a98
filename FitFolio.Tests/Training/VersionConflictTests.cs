using System.Net;
using System.Net.Http.Json;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// Conflicting edits detected (issue 20, sql/018_versions.sql): each versioned resource's ETag is its version; an update with
/// the current one succeeds and bumps it, a stale one gets 412 with the current version and changes nothing, a malformed one
/// gets 400, and none at all keeps the old last-write-wins behaviour.
/// </summary>
public sealed class VersionConflictTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_workout_edit_is_checked_against_its_version()
    {
        using var client = await api.SignedInClientAsync("version-workout@example.com");
        var (workout, exercises) = await client.StartWorkoutAsync("bench-press-barbell");
        var path = $"{Base}/workouts/{workout}";

        await ProveAsync(
            client, HttpMethod.Patch, path, () => client.GetAsync(path), n => new { notes = $"Edit {n}" }, b => b.GetProperty("notes").GetString());

        // Sets are not what a workout edit overwrites, so logging one leaves the workout's version (and a tag read before it) current.
        var before = await client.GetAsync(path);
        var set = await client.LogAsync(workout, exercises[0], new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 5 });
        Assert.Equal(HttpStatusCode.Created, set.Status);
        var after = await client.GetAsync(path);
        Assert.Equal(before.Headers["ETag"], after.Headers["ETag"]);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Patch, path, new { name = "Renamed" }, before.Headers["ETag"])).Status);

        // Finishing is a change of the workout's own fields, so it bumps the version too.
        var current = Version(await client.GetAsync(path));
        var finished = await client.PostAsync($"{path}/finish");
        Assert.Equal(current + 1, finished.Body.GetProperty("version").GetInt64());
        Assert.Equal(Tag(current + 1), finished.Headers["ETag"]);

        await ProveDeleteAsync(client, path, () => client.GetAsync(path));
    }

    [Fact]
    public async Task A_program_replace_is_checked_against_its_version()
    {
        using var client = await api.SignedInClientAsync("version-program@example.com");
        var created = await client.PostAsync($"{Base}/programs", Program("Start"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(Tag(1), created.Headers["ETag"]);
        var path = $"{Base}/programs/{created.Body.Id()}";

        await ProveAsync(client, HttpMethod.Put, path, () => client.GetAsync(path), n => Program($"Edit {n}"), b => b.GetProperty("name").GetString());

        // The days are replaced with the program: a stale replace left the stored days alone.
        var days = (await client.GetAsync(path)).Body.GetProperty("days");
        Assert.Equal("Edit 4 day", days[0].GetProperty("name").GetString());
        var listed = (await client.GetAsync($"{Base}/programs")).Body.GetProperty("items")[0];
        Assert.Equal(Version(await client.GetAsync(path)), listed.GetProperty("version").GetInt64());

        await ProveDeleteAsync(client, path, () => client.GetAsync(path));
    }

    [Fact]
    public async Task A_custom_exercise_update_is_checked_against_its_version()
    {
        using var client = await api.SignedInClientAsync("version-exercise@example.com");
        var created = await client.PostAsync($"{Base}/exercises", Exercise("Start"));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var path = $"{Base}/exercises/{created.Body.Id()}";

        await ProveAsync(client, HttpMethod.Put, path, () => client.GetAsync(path), n => Exercise($"Edit {n}"), b => b.GetProperty("name").GetString());
        await ProveDeleteAsync(client, path, () => client.GetAsync(path));
    }

    [Fact]
    public async Task A_body_weight_entry_is_checked_against_its_version()
    {
        using var client = await api.SignedInClientAsync("version-weight@example.com");
        var path = $"{Base}/body-weight/2025-03-04";

        // If-Match means "replace what I read": with no entry there is nothing to match, so nothing is added.
        var blind = await SendAsync(client, HttpMethod.Put, path, Weight(0), Tag(1));
        Assert.Equal(HttpStatusCode.PreconditionFailed, blind.Status);
        Assert.False(blind.Body.GetProperty("error").TryGetProperty("current_version", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await ReadWeightAsync(client)).Status);

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(path, Weight(0))).Status);
        await ProveAsync(client, HttpMethod.Put, path, () => ReadWeightAsync(client), Weight, b => b.GetProperty("notes").GetString());
        await ProveDeleteAsync(client, path, () => ReadWeightAsync(client));
    }

    [Fact]
    public async Task If_match_star_needs_the_resource_and_a_weak_tag_never_matches()
    {
        using var client = await api.SignedInClientAsync("version-star@example.com");
        var path = $"{Base}/body-weight/2025-03-05";

        Assert.Equal(HttpStatusCode.PreconditionFailed, (await SendAsync(client, HttpMethod.Put, path, Weight(1), "*")).Status);
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsync(path, Weight(1))).Status);
        var star = await SendAsync(client, HttpMethod.Put, path, Weight(2), "*");
        var weak = await SendAsync(client, HttpMethod.Put, path, Weight(3), "W/" + Tag(2));

        Assert.Equal(HttpStatusCode.OK, star.Status);
        Assert.Equal(Tag(2), star.Headers["ETag"]);
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.Status);
        Assert.Equal(2, weak.Body.GetProperty("error").GetProperty("current_version").GetInt64());
        foreach (var malformed in new[] { "2", "\"x\"", "\"0\"", "\"-1\"", "\"99999999999999999999\"", "\"2\", \"3\"", "W/x" })
        {
            var refused = await SendAsync(client, HttpMethod.Put, path, Weight(4), malformed);
            Assert.True(refused.Status == HttpStatusCode.BadRequest, $"{malformed}: {(int)refused.Status} {refused.Text}");
            Assert.Equal("invalid_if_match", refused.ErrorCode);
        }

        Assert.Equal("Weighed 2", (await ReadWeightAsync(client)).Body.GetProperty("notes").GetString());
    }

    [Fact]
    public async Task The_openapi_document_declares_etag_if_match_and_412()
    {
        using var client = api.Host.Client();
        var paths = (await client.GetAsync("/api/v1/openapi.json")).Body.GetProperty("paths");

        foreach (var (path, method) in new[]
        {
            ("/api/v1/training/workouts/{id}", "patch"), ("/api/v1/training/workouts/{id}", "delete"), ("/api/v1/training/programs/{id}", "put"),
            ("/api/v1/training/programs/{id}", "delete"), ("/api/v1/training/exercises/{id}", "put"), ("/api/v1/training/exercises/{id}", "delete"),
            ("/api/v1/training/body-weight/{date}", "put"), ("/api/v1/training/body-weight/{date}", "delete"),
        })
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "If-Match");
            Assert.True(operation.GetProperty("responses").TryGetProperty("412", out _), $"{method} {path} has no 412");
        }

        foreach (var path in new[] { "/api/v1/training/workouts/{id}", "/api/v1/training/programs/{id}", "/api/v1/training/exercises/{id}" })
        {
            var ok = paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200");
            Assert.True(ok.GetProperty("headers").TryGetProperty("ETag", out _), path);
        }
    }

    /// <summary>The four cases on one resource, starting from whatever version it has.</summary>
    private static async Task ProveAsync(
        ApiClient client,
        HttpMethod method,
        string path,
        Func<Task<ApiResponse>> read,
        Func<int, object> edit,
        Func<System.Text.Json.JsonElement, string?> field)
    {
        var start = await read();
        var version = Version(start);

        var matching = await SendAsync(client, method, path, edit(1), Tag(version));
        Assert.True(matching.Status == HttpStatusCode.OK, matching.Text);
        Assert.Equal(version + 1, matching.Body.GetProperty("version").GetInt64());
        Assert.Equal(Tag(version + 1), matching.Headers["ETag"]);

        var stale = await SendAsync(client, method, path, edit(2), Tag(version));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal("version_mismatch", stale.ErrorCode);
        Assert.Equal(version + 1, stale.Body.GetProperty("error").GetProperty("current_version").GetInt64());
        Assert.Equal(Tag(version + 1), stale.Headers["ETag"]);
        var unchanged = await read();
        Assert.Equal("Edit 1", Trim(field(unchanged.Body)));
        Assert.Equal(version + 1, Version(unchanged));

        var malformed = await SendAsync(client, method, path, edit(3), "version-" + (version + 1));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("invalid_if_match", malformed.ErrorCode);
        Assert.Equal("Edit 1", Trim(field((await read()).Body)));

        var blind = await SendAsync(client, method, path, edit(4), ifMatch: null);
        Assert.True(blind.Status == HttpStatusCode.OK, blind.Text);
        Assert.Equal(version + 2, blind.Body.GetProperty("version").GetInt64());
        Assert.Equal("Edit 4", Trim(field((await read()).Body)));
    }

    private static async Task ProveDeleteAsync(ApiClient client, string path, Func<Task<ApiResponse>> read)
    {
        var version = Version(await read());

        var stale = await client.SendAsync(HttpMethod.Delete, path, null, r => r.Headers.TryAddWithoutValidation("If-Match", Tag(version - 1)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.Status);
        Assert.Equal(version, stale.Body.GetProperty("error").GetProperty("current_version").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await read()).Status);
        var malformed = await client.SendAsync(HttpMethod.Delete, path, null, r => r.Headers.TryAddWithoutValidation("If-Match", "*, \"1\""));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);

        var deleted = await client.SendAsync(HttpMethod.Delete, path, null, r => r.Headers.TryAddWithoutValidation("If-Match", Tag(version)));
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await read()).Status);
    }

    private static Task<ApiResponse> SendAsync(ApiClient client, HttpMethod method, string path, object body, string? ifMatch) =>
        client.SendAsync(method, path, JsonContent.Create(body), r =>
        {
            if (ifMatch is not null)
            {
                r.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }
        });

    /// <summary>The version in the body, which a single resource's read also sends as its ETag.</summary>
    private static long Version(ApiResponse response)
    {
        var version = response.Body.GetProperty("version").GetInt64();
        if (response.Headers.TryGetValue("ETag", out var tag))
        {
            Assert.Equal(Tag(version), tag);
        }

        return version;
    }

    private static string Tag(long version) => $"\"{version}\"";

    private static string? Trim(string? text) => text?.Replace("Weighed", "Edit", StringComparison.Ordinal).Replace(" day", "", StringComparison.Ordinal);

    /// <summary>Body weight has no single read: the day's entry from the list, as a 200 or a 404 like the others.</summary>
    private static async Task<ApiResponse> ReadWeightAsync(ApiClient client)
    {
        var list = await client.GetAsync($"{Base}/body-weight?from=2025-03-04&to=2025-03-05");
        var items = list.Body.GetProperty("items").EnumerateArray().ToList();
        return items.Count == 0
            ? list with { Status = HttpStatusCode.NotFound, Json = null }
            : list with { Json = items[0], Headers = new Dictionary<string, string>() };
    }

    private static object Program(string name) => new
    {
        name,
        days = new object[]
        {
            new { name = name + " day", exercises = new object[] { new { exerciseId = TrainingTestData.Exercise("squat-barbell"), targetSets = 3 } } },
        },
    };

    private static object Exercise(string name) =>
        new { name, category = "legs", primaryMuscles = new[] { "quads" }, equipment = "barbell", kind = "weight_reps" };

    private static object Weight(int n) => new { weight = 80 + n, unit = "kg", notes = $"Weighed {n}" };
}
