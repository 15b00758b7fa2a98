using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class ExerciseCatalogTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_catalog_has_at_least_a_hundred_exercises_with_stable_ids_and_full_descriptions()
    {
        using var client = await api.SignedInClientAsync("catalog@example.com");

        var all = (await client.GetAsync($"{Base}/exercises")).Body.GetProperty("items").EnumerateArray().ToList();

        Assert.True(all.Count >= 100, $"{all.Count} exercises");
        var bench = Assert.Single(all, e => e.GetProperty("slug").GetString() == "bench-press-barbell");
        Assert.Equal(Exercise("bench-press-barbell").ToString(), bench.Id());
        Assert.Equal("Bench Press (Barbell)", bench.GetProperty("name").GetString());
        Assert.Equal("chest", bench.GetProperty("category").GetString());
        Assert.Equal(["chest"], bench.GetProperty("primaryMuscles").EnumerateArray().Select(m => m.GetString()));
        Assert.Contains("triceps", bench.GetProperty("secondaryMuscles").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("barbell", bench.GetProperty("equipment").GetString());
        Assert.Equal("weight_reps", bench.GetProperty("kind").GetString());
        Assert.False(bench.GetProperty("custom").GetBoolean());
        var kinds = all.Select(e => e.GetProperty("kind").GetString()).ToHashSet();
        Assert.Equal(["assisted", "bodyweight", "distance", "time", "weight_reps"], kinds.Order());
    }

    [Fact]
    public async Task Search_and_filters_narrow_the_list()
    {
        using var client = await api.SignedInClientAsync("search@example.com");

        var curls = await Names(client, "query=CURL");
        var hamstrings = await Names(client, "muscle=hamstrings&equipment=machine&category=legs");
        var time = await Names(client, "kind=time&category=core");

        Assert.Contains("Bicep Curl (Barbell)", curls);
        Assert.All(curls, n => Assert.Contains("curl", n, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["Leg Press (Machine)", "Lying Leg Curl (Machine)", "Seated Leg Curl (Machine)"], hamstrings);
        Assert.Equal(["Hollow Body Hold", "Mountain Climber", "Plank", "Side Plank"], time);
    }

    [Theory]
    [InlineData("muscle=wings", "muscle")]
    [InlineData("category=legs%27%20or%201=1", "category")]
    [InlineData("kind=heavy", "kind")]
    [InlineData("custom=maybe", "custom")]
    public async Task Unknown_filter_values_are_refused_naming_the_parameter(string query, string field)
    {
        using var client = await api.SignedInClientAsync("bad-filter@example.com");

        var response = await client.GetAsync($"{Base}/exercises?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("validation_failed", response.ErrorCode);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_custom_exercise_is_yours_alone_and_can_be_changed_and_deleted()
    {
        using var owner = await api.SignedInClientAsync("custom-owner@example.com");
        using var other = await api.SignedInClientAsync("custom-other@example.com");

        var created = await owner.PostAsync($"{Base}/exercises", new
        {
            name = "Zercher Carry",
            category = "full_body",
            primaryMuscles = new[] { "upper_back", "abs" },
            secondaryMuscles = new[] { "biceps" },
            equipment = "barbell",
            kind = "distance",
        });
        var id = created.Body.Id();
        var duplicate = await owner.PostAsync(
            $"{Base}/exercises",
            new { name = "zercher carry", category = "legs", primaryMuscles = new[] { "quads" }, equipment = "barbell", kind = "weight_reps" });
        var renamed = await owner.PutAsync(
            $"{Base}/exercises/{id}",
            new { name = "Zercher Walk", category = "full_body", primaryMuscles = new[] { "upper_back" }, equipment = "barbell", kind = "distance" });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.True(created.Body.GetProperty("custom").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("duplicate_name", duplicate.ErrorCode);
        Assert.Equal("Zercher Walk", renamed.Body.GetProperty("name").GetString());
        Assert.Equal(["Zercher Walk"], await Names(owner, "custom=true"));
        Assert.Empty(await Names(other, "custom=true"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/exercises/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Base}/exercises/{id}")).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync($"{Base}/exercises/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"{Base}/exercises/{id}")).Status);
    }

    [Fact]
    public async Task Built_in_exercises_cannot_be_changed_and_used_custom_ones_cannot_be_deleted()
    {
        using var client = await api.SignedInClientAsync("custom-guard@example.com");
        var custom = (await client.PostAsync($"{Base}/exercises", new
        {
            name = "Sandbag Shoulder",
            category = "full_body",
            primaryMuscles = new[] { "glutes" },
            equipment = "other",
            kind = "weight_reps"
        })).Body.Id();
        var workout = (await client.PostAsync($"{Base}/workouts", new { })).Body.Id();
        await client.PostAsync($"{Base}/workouts/{workout}/exercises", new { exerciseId = custom });

        var added = (await client.GetAsync($"{Base}/workouts/{workout}")).Body.GetProperty("exercises")[0].Id();
        await client.LogAsync(workout, added, new { id = Guid.NewGuid(), weight = 60, weightUnit = "kg", reps = 5 });
        var kindChange = await client.PutAsync(
            $"{Base}/exercises/{custom}",
            new { name = "Sandbag Shoulder", category = "full_body", primaryMuscles = new[] { "glutes" }, equipment = "other", kind = "time" });
        var builtIn = await client.PutAsync(
            $"{Base}/exercises/{Exercise("squat-barbell")}",
            new { name = "Mine", category = "legs", primaryMuscles = new[] { "quads" }, equipment = "barbell", kind = "weight_reps" });
        var inUse = await client.DeleteAsync($"{Base}/exercises/{custom}");

        Assert.Equal(HttpStatusCode.Forbidden, builtIn.Status);
        Assert.Equal("built_in_exercise", builtIn.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, kindChange.Status);
        Assert.Equal("exercise_in_use", kindChange.ErrorCode);
        Assert.Equal(HttpStatusCode.Conflict, inUse.Status);
        Assert.Equal("exercise_in_use", inUse.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{Base}/exercises/{custom}")).Status);
    }

    [Theory]
    [InlineData("""{"name":"","category":"legs","primaryMuscles":["quads"],"equipment":"barbell","kind":"weight_reps"}""", "name")]
    [InlineData("""{"name":"X","category":"legs","primaryMuscles":[],"equipment":"barbell","kind":"weight_reps"}""", "primaryMuscles")]
    [InlineData("""{"name":"X","category":"legs","primaryMuscles":["quads","elbows"],"equipment":"barbell","kind":"weight_reps"}""", "primaryMuscles[1]")]
    [InlineData("""{"name":"X","category":"legs","primaryMuscles":["quads"],"equipment":"spoon","kind":"weight_reps"}""", "equipment")]
    [InlineData("""{"name":"X","category":"legs","primaryMuscles":["quads"],"equipment":"barbell","kind":"heavy"}""", "kind")]
    [InlineData("""{"name":"X","category":"legs","primaryMuscles":"quads","equipment":"barbell","kind":"weight_reps"}""", "primaryMuscles")]
    public async Task A_bad_custom_exercise_is_refused_naming_the_field(string body, string field)
    {
        using var client = await api.SignedInClientAsync("custom-bad@example.com");

        var response = await client.PostRawAsync($"{Base}/exercises", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Empty(await Names(client, "custom=true"));
    }

    [Fact]
    public async Task Training_routes_need_a_signed_in_person()
    {
        using var stranger = api.Host.Client();

        var response = await stranger.GetAsync($"{Base}/exercises");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("unauthenticated", response.ErrorCode);
    }

    private static async Task<List<string>> Names(ApiClient client, string query)
    {
        var response = await client.GetAsync($"{Base}/exercises?{query}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return [.. response.Body.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("name").GetString()!)];
    }
}
