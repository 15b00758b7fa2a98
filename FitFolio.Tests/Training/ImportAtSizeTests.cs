using FitFolio.Seed;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// Imports at size (issue 17), sized to take seconds: the bench's <c>import</c> row imports the full 100,000-set export.
/// </summary>
public sealed class ImportAtSizeTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Import = $"{Base}/import";

    [Fact]
    public async Task A_generated_export_of_thousands_of_sets_imports_whole_and_importing_it_again_adds_nothing()
    {
        using var client = await api.SignedInClientAsync("import-size@example.com");
        var userId = Guid.Parse(await client.UserIdAsync());
        const int rows = 6_000;
        var file = StrongExport.Write(rows);

        var progress = await client.ImportProgressAsync(Import, file);
        var first = SummaryOf(progress);

        Assert.Equal(StrongExport.WorkoutsOf(rows), first.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(rows, first.GetProperty("setsImported").GetInt32());
        Assert.Empty(first.GetProperty("skipped").EnumerateArray());
        Assert.Equal(0, progress[0].GetProperty("percent").GetInt32());
        Assert.Equal(100, progress[^1].GetProperty("percent").GetInt32());
        Assert.Equal(rows, progress[^1].GetProperty("setsWritten").GetInt32());
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.GetProperty("percent").GetInt32() <= p.Second.GetProperty("percent").GetInt32()));
        Assert.Equal(rows, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", userId)));
        Assert.Equal(rows / StrongExport.SetsPerExercise,
            await api.CountAsync("select count(*) from workout_sets where user_id = @id and set_type = 'warmup'", ("id", userId)));

        var again = await client.ImportCsvAsync(Import, file);

        Assert.Equal(0, again.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(StrongExport.WorkoutsOf(rows), again.GetProperty("workoutsAlreadyPresent").GetInt32());
        Assert.Equal(0, again.GetProperty("setsImported").GetInt32());
        Assert.Equal(rows, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", userId)));
    }

    [Fact]
    public async Task An_export_over_the_old_five_megabyte_cap_imports()
    {
        using var client = await api.SignedInClientAsync("import-notes@example.com");
        // Strong repeats a workout's notes on every row: 3,000 rows with 2,000 characters of notes each are 6 MB, 100 workouts.
        var file = StrongExport.Write(3_000, workoutNotesLength: 2_000);
        Assert.InRange(file.Length, (5 * 1024 * 1024) + 1, global::FitFolio.Api.Apis.Training.TrainingImportApi.MaxImportBytes);

        var summary = await client.ImportCsvAsync(Import, file);

        Assert.Equal(3_000, summary.GetProperty("setsImported").GetInt32());
        var notes = await api.CountAsync(
            "select count(*) from workouts where user_id = @id and length(notes) = 2000", ("id", Guid.Parse(await client.UserIdAsync())));
        Assert.Equal(StrongExport.WorkoutsOf(3_000), notes);
    }
}
