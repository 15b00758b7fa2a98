using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

public sealed class ImportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Import = $"{Base}/import";

    [Fact]
    public async Task An_older_semicolon_strong_export_imports_with_warm_ups_decimal_commas_and_reasons_for_skipped_rows()
    {
        using var client = await api.SignedInClientAsync("strong-old@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("strong-older-semicolon.csv"));

        Assert.Equal("strong", summary.GetProperty("format").GetString());
        Assert.Equal(2, summary.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(7, summary.GetProperty("setsImported").GetInt32());
        Assert.Equal(["Cable Y Raise"], summary.GetProperty("exercisesCreated").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var skipped = summary.GetProperty("skipped").EnumerateArray().ToList();
        Assert.Equal([5, 9], skipped.Select(s => s.GetProperty("row").GetInt32()));
        Assert.Contains("rest timer", skipped[0].GetProperty("reason").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not a number", skipped[1].GetProperty("reason").GetString(), StringComparison.Ordinal);

        var push = await WorkoutNamed(client, "Push Day");
        Assert.Equal("2024-03-04T18:00:00+00:00", push.GetProperty("startedAt").GetString());
        Assert.Equal("2024-03-04T19:05:00+00:00", push.GetProperty("endedAt").GetString());
        Assert.Equal("Felt strong", push.GetProperty("notes").GetString());
        Assert.Equal("strong", push.GetProperty("source").GetString());
        var bench = push.GetProperty("exercises")[0];
        Assert.Equal("Bench Press (Barbell)", bench.GetProperty("exerciseName").GetString());
        var sets = bench.GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal(["warmup", "working", "working"], sets.Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(82.5m, sets[2].GetProperty("weight").GetDecimal());
        Assert.Equal(8.5m, sets[2].GetProperty("rpe").GetDecimal());
        Assert.Equal("Paused; slow", sets[2].GetProperty("notes").GetString());
        var plank = push.GetProperty("exercises")[2].GetProperty("sets")[0];
        Assert.Equal(60, plank.GetProperty("durationSeconds").GetInt32());
        Assert.Equal(JsonValueKind.Null, plank.GetProperty("reps").ValueKind);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nothing()
    {
        using var client = await api.SignedInClientAsync("strong-twice@example.com");
        var file = Sample("strong-older-semicolon.csv");
        await client.ImportCsvAsync(Import, file);
        var userId = await client.UserIdAsync();
        var sets = await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", Guid.Parse(userId)));

        var again = await client.ImportCsvAsync(Import, file);

        Assert.Equal(0, again.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(2, again.GetProperty("workoutsAlreadyPresent").GetInt32());
        Assert.Equal(0, again.GetProperty("setsImported").GetInt32());
        Assert.Empty(again.GetProperty("exercisesCreated").EnumerateArray());
        Assert.Equal(sets, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", Guid.Parse(userId))));
        Assert.Equal(2, await api.CountAsync("select count(*) from workouts where user_id = @id", ("id", Guid.Parse(userId))));
        Assert.Equal(1, await api.CountAsync("select count(*) from exercises where user_id = @id", ("id", Guid.Parse(userId))));
    }

    [Fact]
    public async Task A_comma_strong_export_in_kg_maps_bodyweight_and_distance_sets()
    {
        using var client = await api.SignedInClientAsync("strong-kg@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("strong-comma-kg.csv"));

        Assert.Equal(1, summary.GetProperty("workoutsImported").GetInt32());
        Assert.Equal(5, summary.GetProperty("setsImported").GetInt32());
        Assert.Empty(summary.GetProperty("skipped").EnumerateArray());
        var workout = await WorkoutNamed(client, "Upper, heavy");
        Assert.Equal("2024-05-01T18:15:00+00:00", workout.GetProperty("startedAt").GetString());
        var exercises = workout.GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal("Grindy, but \"ok\"", exercises[0].GetProperty("sets")[1].GetProperty("notes").GetString());
        Assert.Equal(JsonValueKind.Null, exercises[1].GetProperty("sets")[0].GetProperty("weight").ValueKind);
        Assert.Equal(10m, exercises[1].GetProperty("sets")[1].GetProperty("weight").GetDecimal());
        Assert.Equal(5000m, exercises[2].GetProperty("sets")[0].GetProperty("distanceMeters").GetDecimal());
    }

    [Fact]
    public async Task A_strong_export_in_pounds_keeps_the_unit_and_skips_absurd_weights()
    {
        using var client = await api.SignedInClientAsync("strong-lbs@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("strong-comma-lbs.csv"));

        Assert.Equal(2, summary.GetProperty("setsImported").GetInt32());
        var skip = Assert.Single(summary.GetProperty("skipped").EnumerateArray());
        Assert.Equal(4, skip.GetProperty("row").GetInt32());
        Assert.StartsWith("weight:", skip.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var sets = (await WorkoutNamed(client, "Deadlift day")).GetProperty("exercises")[0].GetProperty("sets").EnumerateArray().ToList();
        Assert.Equal("lb", sets[0].GetProperty("weightUnit").GetString());
        Assert.Equal(142.88m, sets[0].GetProperty("weightKg").GetDecimal());
        var records = (await client.GetAsync($"{Base}/records?exerciseId={Exercise("deadlift-barbell")}")).Body.GetProperty("items").EnumerateArray();
        Assert.Equal(151.95m, records.Single(r => r.GetProperty("type").GetString() == "heaviest_weight").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task A_hevy_export_in_kg_keeps_set_types_supersets_and_reports_bad_rows()
    {
        using var client = await api.SignedInClientAsync("hevy-kg@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("hevy-kg.csv"));

        Assert.Equal("hevy", summary.GetProperty("format").GetString());
        Assert.Equal(6, summary.GetProperty("setsImported").GetInt32());
        Assert.Equal([8, 9], summary.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        var workout = await WorkoutNamed(client, "Morning Push");
        Assert.Equal("2024-01-15T08:35:00+00:00", workout.GetProperty("endedAt").GetString());
        var exercises = workout.GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(
            ["Bench Press (Barbell)", "Lateral Raise (Dumbbell)", "Triceps Pushdown (Cable)", "Plank"],
            exercises.Select(e => e.GetProperty("exerciseName").GetString()));
        Assert.Equal(["warmup", "working", "drop"], exercises[0].GetProperty("sets").EnumerateArray().Select(s => s.GetProperty("type").GetString()));
        Assert.Equal("Elbows in", exercises[0].GetProperty("notes").GetString());
        Assert.Equal(1, exercises[1].GetProperty("supersetGroup").GetInt32());
        Assert.Equal(1, exercises[2].GetProperty("supersetGroup").GetInt32());
        Assert.Equal("failure", exercises[2].GetProperty("sets")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_hevy_export_in_pounds_converts_miles_and_creates_unknown_exercises()
    {
        using var client = await api.SignedInClientAsync("hevy-lbs@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("hevy-lbs.csv"));

        Assert.Equal(4, summary.GetProperty("setsImported").GetInt32());
        Assert.Equal(["Sissy Squat"], summary.GetProperty("exercisesCreated").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var exercises = (await WorkoutNamed(client, "Leg Day")).GetProperty("exercises").EnumerateArray().ToList();
        Assert.Equal(225m, exercises[0].GetProperty("sets")[0].GetProperty("weight").GetDecimal());
        Assert.Equal("lb", exercises[0].GetProperty("sets")[0].GetProperty("weightUnit").GetString());
        Assert.Equal(2414.02m, exercises[1].GetProperty("sets")[0].GetProperty("distanceMeters").GetDecimal());
        Assert.Equal("bodyweight", exercises[2].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task The_time_zone_of_the_export_can_be_given()
    {
        using var client = await api.SignedInClientAsync("import-tz@example.com");

        await client.ImportCsvAsync($"{Import}?tz=Europe/Berlin", Sample("strong-comma-lbs.csv"));

        Assert.Equal("2024-05-03T05:00:00+00:00", (await WorkoutNamed(client, "Deadlift day")).GetProperty("startedAt").GetString());
    }

    [Fact]
    public async Task A_multipart_upload_and_utf8_and_utf16_byte_order_marks_are_accepted()
    {
        using var client = await api.SignedInClientAsync("import-encodings@example.com");
        var text = Encoding.UTF8.GetString(Sample("hevy-lbs.csv"));
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Sample("strong-comma-kg.csv")) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } }, "file", "strong.csv" }
        };

        // One import at a time: the multipart one is followed to its end before the next is posted.
        var multipart = SummaryOf(await client.FollowImportAsync(await client.SendAsync(HttpMethod.Post, Import, form)));
        var utf16 = await client.ImportCsvAsync(Import, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)]);
        var utf8Bom = await client.ImportCsvAsync(Import, [.. Encoding.UTF8.GetPreamble(), .. Sample("strong-comma-lbs.csv")], "application/octet-stream");

        Assert.Equal(5, multipart.GetProperty("setsImported").GetInt32());
        Assert.Equal(4, utf16.GetProperty("setsImported").GetInt32());
        Assert.Equal(2, utf8Bom.GetProperty("setsImported").GetInt32());
    }

    [Fact]
    public async Task Bad_files_are_refused_and_change_nothing()
    {
        using var client = await api.SignedInClientAsync("import-bad@example.com");
        await client.ImportCsvAsync(Import, Sample("hevy-kg.csv"));
        var userId = await client.UserIdAsync();
        var sets = await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", Guid.Parse(userId)));
        var latin1 = Encoding.Latin1.GetBytes("Date;Workout Name;Exercise Name;Set Order;Weight;Reps\n2024-01-01 10:00:00;Séance;Développé;1;80;5\n");
        var utf16NoBom = Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(Sample("strong-comma-lbs.csv")));
        var binary = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D };
        var unterminated = Encoding.UTF8.GetBytes(
            "title,start_time,exercise_title,set_type,weight_kg,reps\n\"Push,\"15 Jan 2024, 07:30\",Bench Press (Barbell),normal,90,5\n");

        var cases = new (byte[] File, int Status, string Code)[]
        {
            (latin1, 400, "invalid_encoding"),
            (utf16NoBom, 400, "invalid_encoding"),
            (binary, 400, "invalid_encoding"),
            (unterminated, 400, "malformed_csv"),
            (Encoding.UTF8.GetBytes("name,weight\nbench,100\n"), 400, "unknown_layout"),
            (Encoding.UTF8.GetBytes("  \n\n"), 400, "empty_file"),
            ([], 400, "empty_file"),
        };

        foreach (var (file, status, code) in cases)
        {
            var response = await client.PostCsvAsync(Import, file);
            Assert.Equal((HttpStatusCode)status, response.Status);
            Assert.Equal(code, response.ErrorCode);
        }

        var malformed = await client.PostCsvAsync(Import, unterminated);
        Assert.Contains("Row 2", malformed.Body.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await client.PostRawAsync(Import, "{}")).Status);
        Assert.Equal(sets, await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", Guid.Parse(userId))));
    }

    [Fact]
    public async Task A_file_over_32_megabytes_is_refused_with_413()
    {
        using var client = await api.SignedInClientAsync("import-huge@example.com");
        var builder = new StringBuilder(
            "title,start_time,end_time,description,exercise_title,superset_id,exercise_notes,set_index,set_type,weight_kg,reps,distance_km,duration_seconds,rpe\n");
        var day = new DateTime(2020, 1, 1);
        while (builder.Length <= (32 * 1024 * 1024) + 100)
        {
            builder.Append(System.Globalization.CultureInfo.InvariantCulture, $"W,\"{day:d MMM yyyy}, 07:30\",,,Bench Press (Barbell),,,0,normal,90,5,,,\n");
            day = day.AddMinutes(1);
        }

        var response = await client.PostCsvAsync(Import, Encoding.UTF8.GetBytes(builder.ToString()));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("payload_too_large", response.ErrorCode);
        Assert.Equal(0, await api.CountAsync("select count(*) from workouts where user_id = @id", ("id", Guid.Parse(await client.UserIdAsync()))));
    }

    private static async Task<JsonElement> WorkoutNamed(ApiClient client, string name)
    {
        var list = await client.GetAsync($"{Base}/workouts?limit=100");
        var id = list.Body.GetProperty("items").EnumerateArray().Single(w => w.GetProperty("name").GetString() == name).Id();
        return (await client.GetAsync($"{Base}/workouts/{id}")).Body;
    }
}
