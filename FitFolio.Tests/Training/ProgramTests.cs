using System.Net;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class ProgramTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static object PushPull => new
    {
        name = "Push / Pull",
        notes = "Twice a week",
        days = new object[]
        {
            new
            {
                name = "Push",
                exercises = new object[]
                {
                    new
                    {
                        exerciseId = Exercise("bench-press-barbell"),
                        targetSets = 5,
                        repsMin = 5,
                        repsMax = 5,
                        targetWeight = 100,
                        weightUnit = "kg",
                        restSeconds = 180
                    },
                    new { exerciseId = Exercise("lateral-raise-dumbbell"), supersetGroup = 1, targetSets = 3, repsMin = 12, repsMax = 15, targetRpe = 8.5 },
                    new { exerciseId = Exercise("triceps-pushdown-cable"), supersetGroup = 1, targetSets = 3, repsMin = 10, repsMax = 12, targetRir = 2 },
                },
            },
            new { name = "Pull", exercises = new object[]
            {
                new { exerciseId = Exercise("deadlift-barbell"), targetSets = 1, repsMin = 5, repsMax = 5, targetWeight = 315, weightUnit = "lb" }
            } },
        },
    };

    [Fact]
    public async Task A_program_keeps_its_days_order_supersets_and_targets()
    {
        using var client = await api.SignedInClientAsync("program@example.com");

        var created = await client.PostAsync($"{Base}/programs", PushPull);
        var read = await client.GetAsync($"{Base}/programs/{created.Body.Id()}");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var days = read.Body.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(["Push", "Pull"], days.Select(d => d.GetProperty("name").GetString()));
        var push = days[0].GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(
            ["Bench Press (Barbell)", "Lateral Raise (Dumbbell)", "Triceps Pushdown (Cable)"], push.Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Equal([1, 2, 3], push.Select(e => e.GetProperty("position").GetInt32()));
        Assert.Equal(1, push[1].GetProperty("supersetGroup").GetInt32());
        Assert.Equal(1, push[2].GetProperty("supersetGroup").GetInt32());
        Assert.Equal(100m, push[0].GetProperty("targetWeight").GetDecimal());
        Assert.Equal(8.5m, push[1].GetProperty("targetRpe").GetDecimal());
        Assert.Equal(2, push[2].GetProperty("targetRir").GetInt32());
        Assert.Equal(180, push[0].GetProperty("restSeconds").GetInt32());
        Assert.Equal("lb", days[1].GetProperty("exercises")[0].GetProperty("weightUnit").GetString());
    }

    [Fact]
    public async Task A_program_can_be_replaced_copied_archived_and_deleted()
    {
        using var client = await api.SignedInClientAsync("program-life@example.com");
        var id = (await client.PostAsync($"{Base}/programs", PushPull)).Body.Id();

        var replaced = await client.PutAsync($"{Base}/programs/{id}", new
        {
            name = "Full body",
            days = new[] { new { name = "A", exercises = new[] { new { exerciseId = Exercise("squat-barbell"), targetSets = 3 } } } }
        });
        var copy = await client.PostAsync($"{Base}/programs/{id}/copy", new { });
        var archived = await client.PostAsync($"{Base}/programs/{id}/archive");
        var active = await client.GetAsync($"{Base}/programs");
        var archivedList = await client.GetAsync($"{Base}/programs?archived=true");
        var all = await client.GetAsync($"{Base}/programs?archived=all");

        Assert.Equal("Full body", replaced.Body.GetProperty("name").GetString());
        Assert.Single(replaced.Body.GetProperty("days").EnumerateArray());
        Assert.Equal(HttpStatusCode.Created, copy.Status);
        Assert.Equal("Full body (copy)", copy.Body.GetProperty("name").GetString());
        Assert.Equal("Squat (Barbell)", copy.Body.GetProperty("days")[0].GetProperty("exercises")[0].GetProperty("exerciseName").GetString());
        Assert.True(archived.Body.GetProperty("archived").GetBoolean());
        Assert.Equal(["Full body (copy)"], active.Body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(["Full body"], archivedList.Body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(2, all.Body.GetProperty("items").GetArrayLength());
        Assert.False((await client.PostAsync($"{Base}/programs/{id}/unarchive")).Body.GetProperty("archived").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{Base}/programs/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Base}/programs/{id}")).Status);
    }

    [Fact]
    public async Task Another_persons_program_is_not_found_and_stays_unchanged()
    {
        using var owner = await api.SignedInClientAsync("program-owner@example.com");
        using var other = await api.SignedInClientAsync("program-snoop@example.com");
        var id = (await owner.PostAsync($"{Base}/programs", PushPull)).Body.Id();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{Base}/programs/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutAsync($"{Base}/programs/{id}", new { name = "Mine now", days = Array.Empty<object>() })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Base}/programs/{id}/copy", new { })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"{Base}/programs/{id}/archive")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{Base}/programs/{id}")).Status);
        var still = await owner.GetAsync($"{Base}/programs/{id}");
        Assert.Equal("Push / Pull", still.Body.GetProperty("name").GetString());
        Assert.False(still.Body.GetProperty("archived").GetBoolean());
    }

    [Theory]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"00000000-0000-0000-0000-000000000001"}]}]}""",
        "unknown_exercise",
        "days[0].exercises[0].exerciseId")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","repsMin":12,"repsMax":8}]}]}""",
        "validation_failed",
        "days[0].exercises[0].repsMax")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","targetWeight":-5,"weightUnit":"kg"}]}]}""",
        "validation_failed",
        "days[0].exercises[0].targetWeight")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","targetWeight":5000,"weightUnit":"lb"}]}]}""",
        "validation_failed",
        "days[0].exercises[0].targetWeight")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","targetRpe":10.5}]}]}""", "validation_failed", "days[0].exercises[0].targetRpe")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","targetRpe":8,"targetRir":2}]}]}""",
        "validation_failed",
        "days[0].exercises[0].targetRir")]
    [InlineData(
        """{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"EX","targetSets":0}]}]}""", "validation_failed", "days[0].exercises[0].targetSets")]
    [InlineData("""{"name":"","days":[]}""", "validation_failed", "name")]
    [InlineData("""{"name":"P","days":[{"name":"D","exercises":[{"exerciseId":"not-a-uuid"}]}]}""", "invalid_json", "days[0].exercises[0].exerciseId")]
    public async Task A_bad_program_is_refused_naming_the_field_and_nothing_is_stored(string body, string code, string field)
    {
        using var client = await api.SignedInClientAsync($"program-bad-{Guid.NewGuid():N}@example.com");

        var response = await client.PostRawAsync($"{Base}/programs", body.Replace("\"EX\"", $"\"{Exercise("squat-barbell")}\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
        Assert.Equal(field, response.Body.GetProperty("error").GetProperty("field").GetString());
        Assert.Equal(0, (await client.GetAsync($"{Base}/programs?archived=all")).Body.GetProperty("items").GetArrayLength());
    }
}
