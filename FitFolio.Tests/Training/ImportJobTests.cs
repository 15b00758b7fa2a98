using System.Net;
using System.Text.Json;
using FitFolio.Seed;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// Imports as jobs the training grain owns (issue 17): 202 at once, progress read while the grain writes, one at a time per
/// person, the outcome stored. The middle of an import is held still by a real lock on <c>record_books</c>, which the import
/// writes only after every workout: the job waits there, at all workouts written and 99 %, for as long as the test needs.
/// </summary>
public sealed class ImportJobTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Import = $"{Base}/import";
    private const int Rows = 3_000;

    [Fact]
    public async Task An_import_answers_202_at_once_shows_its_progress_to_its_owner_only_refuses_a_second_and_ends_with_the_summary()
    {
        using var owner = await api.SignedInClientAsync("import-job@example.com");
        using var other = await api.SignedInClientAsync("import-job-other@example.com");
        var userId = Guid.Parse(await owner.UserIdAsync());
        var file = StrongExport.Write(Rows);
        var workouts = StrongExport.WorkoutsOf(Rows);

        IReadOnlyList<JsonElement> seen;
        await using (var hold = await RecordBooksHold.TakeAsync(api.Database.DataSource))
        {
            var started = await owner.PostCsvAsync(Import, file);
            Assert.Equal(HttpStatusCode.Accepted, started.Status);
            var first = started.Body;
            Assert.Equal("running", first.GetProperty("status").GetString());
            Assert.Equal(("strong", Rows, workouts, 0, 0, 0), Numbers(first));
            var progressPath = $"{Base}/imports/{first.Id()}";

            var middle = await WaitForAsync(owner, progressPath, p => p.GetProperty("workoutsDone").GetInt32() == workouts);
            Assert.Equal("running", middle.GetProperty("status").GetString());
            Assert.Equal(("strong", Rows, workouts, workouts, Rows, 99), Numbers(middle));
            Assert.Equal(JsonValueKind.Null, middle.GetProperty("summary").ValueKind);

            var second = await owner.PostCsvAsync(Import, StrongExport.Write(300));
            Assert.Equal(HttpStatusCode.Conflict, second.Status);
            Assert.Equal("import_running", second.ErrorCode);
            var stranger = await other.GetAsync(progressPath);
            Assert.Equal(HttpStatusCode.NotFound, stranger.Status);
            Assert.Equal("not_found", stranger.ErrorCode);
            Assert.Equal(1, await api.CountAsync("select count(*) from training_imports where user_id = @id", ("id", userId)));

            await hold.DisposeAsync();
            seen = await owner.FollowImportAsync(started);
        }

        var summary = SummaryOf(seen);
        Assert.Equal(workouts, summary.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(Rows, summary.GetProperty("setsImported").GetInt32());
        Assert.Equal(("strong", Rows, workouts, workouts, Rows, 100), Numbers(seen[^1]));
        AssertMonotonic(seen);
        Assert.Equal(Rows, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", userId)));
    }

    [Fact]
    public async Task A_finished_imports_summary_is_read_from_storage_once_its_job_is_gone_and_bad_ids_are_refused()
    {
        using var client = await api.SignedInClientAsync("import-stored@example.com");
        var started = await client.PostCsvAsync(Import, StrongExport.Write(600));
        var firstSummary = SummaryOf(await client.FollowImportAsync(started));
        // A second import replaces the job the grain keeps in memory: the first one's answer now comes from training_imports.
        await client.ImportCsvAsync(Import, StrongExport.Write(300));

        var stored = await client.GetAsync($"{Base}/imports/{started.Body.Id()}");

        Assert.Equal(HttpStatusCode.OK, stored.Status);
        Assert.Equal("finished", stored.Body.GetProperty("status").GetString());
        Assert.Equal(100, stored.Body.GetProperty("percent").GetInt32());
        Assert.Equal(firstSummary.ToString(), stored.Body.GetProperty("summary").ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{Base}/imports/{Guid.NewGuid()}")).Status);
        var invalid = await client.GetAsync($"{Base}/imports/not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.Equal("invalid_id", invalid.ErrorCode);
    }

    [Fact]
    public async Task An_import_cut_off_midway_stores_nothing_says_try_again_and_the_same_file_then_imports_whole()
    {
        using var client = await api.SignedInClientAsync("import-cut@example.com");
        var userId = Guid.Parse(await client.UserIdAsync());
        var file = StrongExport.Write(Rows);
        string progressPath;
        await using (var hold = await RecordBooksHold.TakeAsync(api.Database.DataSource))
        {
            var started = await client.PostCsvAsync(Import, file);
            progressPath = $"{Base}/imports/{started.Body.Id()}";
            await WaitForAsync(client, progressPath, p => p.GetProperty("percent").GetInt32() == 99);

            // What a dying silo does to the import: its connection goes, with the transaction holding every workout written.
            // 99 % is set just before the records are replayed, so wait for the import to be the one waiting on the lock.
            const string Waiting = "from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()";
            await Eventually.TrueAsync(
                async () => await api.Database.CountAsync($"select count(*) {Waiting}") == 1, TimeSpan.FromSeconds(60), "the import to wait on record_books");
            Assert.Equal(1, await api.Database.ScalarAsync<int>($"select count(pg_terminate_backend(pid))::int {Waiting}"));
            var failed = await WaitForAsync(client, progressPath, p => p.GetProperty("status").GetString() != "running");

            Assert.Equal("failed", failed.GetProperty("status").GetString());
            Assert.Contains("Import the file again", failed.GetProperty("failure").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await api.CountAsync("select count(*) from workouts where user_id = @id", ("id", userId)));
        Assert.Equal("failed", await api.Database.ScalarAsync<string>(
            "select status from training_imports where user_id = @id", ("id", userId)));
        // A row a dead silo left 'running' (no live job owns it) reads as failed too.
        var orphan = Guid.CreateVersion7();
        await api.Database.ScalarAsync<int>(
            """
            insert into training_imports (id, user_id, status, format, rows_read, workouts, started_at)
            values (@id, @user, 'running', 'strong', 1, 1, now()) returning 1
            """, ("id", orphan), ("user", userId));
        var orphaned = (await client.GetAsync($"{Base}/imports/{orphan}")).Body;
        Assert.Equal("failed", orphaned.GetProperty("status").GetString());

        var again = await client.ImportCsvAsync(Import, file);

        Assert.Equal(Rows, again.GetProperty("setsImported").GetInt32());
        Assert.Equal(Rows, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", userId)));
    }

    private static (string, int, int, int, int, int) Numbers(JsonElement progress) => (
        progress.GetProperty("format").GetString()!, progress.GetProperty("rowsRead").GetInt32(), progress.GetProperty("workoutsTotal").GetInt32(),
        progress.GetProperty("workoutsDone").GetInt32(), progress.GetProperty("setsWritten").GetInt32(), progress.GetProperty("percent").GetInt32());

    private static void AssertMonotonic(IReadOnlyList<JsonElement> seen)
    {
        foreach (var (before, after) in seen.Zip(seen.Skip(1)))
        {
            foreach (var field in new[] { "workoutsDone", "setsWritten", "percent" })
            {
                Assert.True(before.GetProperty(field).GetInt32() <= after.GetProperty(field).GetInt32(), $"{field} went back: {before} then {after}");
            }
        }
    }

    private static async Task<JsonElement> WaitForAsync(ApiClient client, string path, Func<JsonElement, bool> condition)
    {
        JsonElement last = default;
        await Eventually.TrueAsync(
            async () =>
            {
                var response = await client.GetAsync(path);
                Assert.True(response.Status == HttpStatusCode.OK, response.Text);
                last = response.Body;
                return condition(last);
            },
            TimeSpan.FromSeconds(60),
            $"the import at {path} to move on");
        return last;
    }
}
