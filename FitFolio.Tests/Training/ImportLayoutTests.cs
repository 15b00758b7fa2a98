using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// Every layout Strong and Hevy have shipped, with what real files carry (floating-point
/// artefacts, a BOM, CRLF, 12-hour times with U+202F, quoted separators and line breaks, rest
/// timers, body-weight sets without a weight), imported over HTTP into PostgreSQL and read back
/// set by set: no set the person logged may go missing, and none may change its value.
/// </summary>
public sealed class ImportLayoutTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Import = $"{Base}/import";

    private static readonly string[] Strong2025Kg =
    [
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Bench Press (Barbell) | warmup reps=10 weight=20 kg",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Bench Press (Barbell) | working reps=8 weight=42.5 kg rpe=8.5",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Bench Press (Barbell) | working reps=8 weight=42.5 kg rpe=9 notes=Bar path\r\ndrifted; filmed it",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Lateral Raise (Dumbbell) | working reps=15 weight=12.9 kg",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Lateral Raise (Dumbbell) | working reps=15 weight=12.9 kg",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Pull Up | working reps=10",
        "Push 2025-02-03T18:04:11+00:00 to 2025-02-03T19:09:23+00:00 | Pull Up | working reps=6 weight=5 kg",
        "Run 2025-02-05T07:15:00+00:00 to 2025-02-05T07:45:30+00:00 | Running | working seconds=1800 metres=5000",
        "Run 2025-02-05T07:15:00+00:00 to 2025-02-05T07:45:30+00:00 | Plank | working seconds=60",
    ];

    public static TheoryData<string, string[], int[]> Layouts => new()
    {
        // Strong 2025: BOM, CRLF, ';', Workout #, Duration (sec), Distance (meters), a note with ';' and a line break.
        { "strong-2025-semicolon-kg.csv", Strong2025Kg, [6, 9] },
        // The same layout in pounds, with decimal commas (a European phone) and artefacts either side of the value.
        {
            "strong-2025-semicolon-lbs.csv",
            [
                "Legs 2025-03-10T06:30:00+00:00 to 2025-03-10T07:15:00+00:00 | Squat (Barbell) | working reps=5 weight=135 lb",
                "Legs 2025-03-10T06:30:00+00:00 to 2025-03-10T07:15:00+00:00 | Squat (Barbell) | working reps=5 weight=225 lb rpe=7.5",
                "Legs 2025-03-10T06:30:00+00:00 to 2025-03-10T07:15:00+00:00 | Squat (Barbell) | working reps=3 weight=225 lb",
                "Legs 2025-03-10T06:30:00+00:00 to 2025-03-10T07:15:00+00:00 | Squat (Barbell) | drop reps=8 weight=185 lb",
                "Legs 2025-03-10T06:30:00+00:00 to 2025-03-10T07:15:00+00:00 | Squat (Barbell) | failure reps=0 weight=185 lb",
            ],
            []
        },
        // Strong's comma layout: 12-hour times with U+202F (12 AM is midnight), rest timer rows, quoted commas, quotes and a line break.
        {
            "strong-comma-12h.csv",
            [
                "Upper, light 2024-11-02T18:15:00+00:00 to 2024-11-02T19:17:00+00:00 | Overhead Press (Barbell) | working reps=8 weight=40 kg",
                "Upper, light 2024-11-02T18:15:00+00:00 to 2024-11-02T19:17:00+00:00 | Overhead Press (Barbell) | working reps=6 weight=42.5 kg rpe=8.5 notes=Last rep slow,\nstopped there",
                "Late run 2024-11-03T00:05:00+00:00 to 2024-11-03T00:35:00+00:00 | Running | working seconds=1800 metres=5000",
                "Noon plank 2024-11-03T12:05:00+00:00 to 2024-11-03T12:10:00+00:00 | Plank | working seconds=60",
            ],
            [3, 6]
        },
        // Hevy: every field quoted, a description with a comma and a line break, supersets, artefacts in weight, RPE and distance.
        {
            "hevy-2025-kg.csv",
            [
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Deadlift (Barbell) | warmup reps=5 weight=60 kg",
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Deadlift (Barbell) | working reps=3 weight=142.5 kg rpe=8.5",
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Deadlift (Barbell) | working reps=3 weight=142.5 kg rpe=9",
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Pull Up | working reps=8",
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Lateral Raise (Dumbbell) | drop reps=12 weight=7.2 kg",
                "Pull, heavy 2025-03-03T17:29:00+00:00 to 2025-03-03T18:52:00+00:00 | Rowing (Machine) | working seconds=600 metres=2000",
            ],
            []
        },
        // Hevy in pounds and miles on a phone set to 12-hour time.
        {
            "hevy-12h-lbs.csv",
            [
                "Legs 2025-01-06T18:02:00+00:00 to 2025-01-06T19:10:00+00:00 | Squat (Barbell) | working reps=5 weight=225 lb",
                "Legs 2025-01-06T18:02:00+00:00 to 2025-01-06T19:10:00+00:00 | Squat (Barbell) | failure reps=0 weight=245 lb",
                "Legs 2025-01-06T18:02:00+00:00 to 2025-01-06T19:10:00+00:00 | Walking | working seconds=900 metres=2092.15",
            ],
            []
        },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public async Task Every_layout_imports_every_set_with_the_value_the_person_entered(string file, string[] sets, int[] skippedRows)
    {
        using var client = await api.SignedInClientAsync($"layout-{file.Replace('.', '-')}@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample(file));

        Assert.Equal(sets.Length, summary.GetProperty("setsImported").GetInt32());
        Assert.Equal(skippedRows, summary.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("row").GetInt32()));
        Assert.Equal(sets, await AllSetsAsync(client));
    }

    [Fact]
    public async Task An_artefact_is_stripped_but_a_third_decimal_is_still_refused_and_rest_timers_are_not_sets()
    {
        using var client = await api.SignedInClientAsync("artefact-rule@example.com");

        var summary = await client.ImportCsvAsync(Import, Sample("strong-2025-semicolon-kg.csv"));

        var reasons = summary.GetProperty("skipped").EnumerateArray().Select(s => s.GetProperty("reason").GetString()).ToList();
        Assert.Equal(["a rest timer, not a set.", "weight: weight has at most 2 decimals."], reasons);
        var push = (await WorkoutsAsync(client)).Single(w => w.GetProperty("name").GetString() == "Push");
        Assert.Equal("Deload week; felt fine", push.GetProperty("notes").GetString());
        var squat = await client.ImportCsvAsync(Import, Sample("strong-2025-semicolon-lbs.csv"));
        Assert.Equal(5, squat.GetProperty("setsImported").GetInt32());
        // Both artefact spellings of 225 lb (above and below) are stored as 225 lb, and converted from 225 exactly.
        var userId = await client.UserIdAsync();
        Assert.Equal(2, await api.CountAsync(
            "select count(*) from workout_sets where user_id = @id and weight = 225 and weight_unit = 'lb' and weight_kg = 102.0583",
            ("id", Guid.Parse(userId))));
    }

    [Fact]
    public async Task A_refused_import_loses_nothing_already_stored_and_a_later_export_adds_only_what_is_new()
    {
        using var client = await api.SignedInClientAsync("refused-keeps@example.com");
        await client.ImportCsvAsync(Import, Sample("strong-2025-semicolon-kg.csv"));
        Assert.Equal(Strong2025Kg, await AllSetsAsync(client));
        var userId = await client.UserIdAsync();
        var rows = await RowCountsAsync(userId);

        var kg = Encoding.UTF8.GetString(Sample("strong-2025-semicolon-kg.csv"));
        const string Later = "3;2025-02-07 18:00:00;Pull;3600;Deadlift (Barbell);1;140.00000000000003;5;;;;;\r\n";
        var refused = new (HttpContent Body, string Query, HttpStatusCode Status, string Code)[]
        {
            (Csv(kg + Later + "3;2025-02-07 18:00:00;\"Pull;3600;Deadlift (Barbell);2;140;5;;;;;\r\n"), "", HttpStatusCode.BadRequest, "malformed_csv"),
            (
                Csv(Encoding.Latin1.GetBytes(
                    "Workout #;Date;Workout Name;Exercise Name;Set Order;Weight (kg);Reps\n1;2025-02-07 18:00:00;Séance;Développé;1;80;5\n")),
                "",
                HttpStatusCode.BadRequest,
                "invalid_encoding"),
            (
                Csv("Workout #;Datum;Training;Übung;Satz;Gewicht (kg);Wdh.\n1;2025-02-07 18:00:00;Pull;Kreuzheben;1;140;5\n"),
                "",
                HttpStatusCode.BadRequest,
                "unknown_layout"),
            (Csv("\uFEFF\r\n\r\n"), "", HttpStatusCode.BadRequest, "empty_file"),
            (Csv(kg + Later), "?tz=Mars/Olympus_Mons", HttpStatusCode.BadRequest, "validation_failed"),
            (new StringContent(kg + Later, Encoding.UTF8, "application/json"), "", HttpStatusCode.UnsupportedMediaType, "unsupported_media_type"),
        };

        foreach (var (body, query, status, code) in refused)
        {
            var response = await client.SendAsync(HttpMethod.Post, Import + query, body);
            Assert.True(response.Status == status, $"{code}: {(int)response.Status} {response.Text}");
            var error = response.Body.GetProperty("error");
            Assert.Equal(code, error.GetProperty("code").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
            Assert.False(string.IsNullOrEmpty(error.GetProperty("request_id").GetString()));
        }

        Assert.Equal(Strong2025Kg, await AllSetsAsync(client));
        Assert.Equal(rows, await RowCountsAsync(userId));

        var later = SummaryOf(await client.FollowImportAsync(await client.SendAsync(HttpMethod.Post, Import, Csv(kg + Later))));
        Assert.Equal(2, later.GetProperty("workoutsAlreadyPresent").GetInt32());
        Assert.Equal(1, later.GetProperty("setsImported").GetInt32());
        string[] expected =
        [
            .. Strong2025Kg,
            "Pull 2025-02-07T18:00:00+00:00 to 2025-02-07T19:00:00+00:00 | Deadlift (Barbell) | working reps=5 weight=140 kg"
        ];
        Assert.Equal(expected, await AllSetsAsync(client));
    }

    [Fact]
    public async Task Hostile_values_are_skipped_with_a_reason_never_a_server_error()
    {
        using var client = await api.SignedInClientAsync("import-hostile@example.com");
        var longName = string.Concat(Enumerable.Repeat("Single-arm landmine press ", 5));
        var longNote = new string('n', 1999) + "\U0001F4AA and more";
        string[] lines =
        [
            "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance (km),Seconds,Notes,Workout Notes,RPE",
            "2024-06-01 10:00:00,Hostile,2147483647h,Squat (Barbell),1,100,5,0,0,,,1e28",
            "2024-06-01 10:00:00,Hostile,2147483647h,Running,1,0,0,79228162514264337593543950335,600,,,",
            "2024-06-01 10:00:00,Hostile,2147483647h,Squat (Barbell),2,79228162514264337593543950335,5,0,0,,,",
            "2024-06-01 10:00:00,Hostile,2147483647h,Squat (Barbell),3,1e400,5,0,0,,,",
            "9999-12-31 23:59:59,End of time,2h,Squat (Barbell),1,100,5,0,0,,,",
            "0001-01-01 00:00:00,Start of time,1h,Squat (Barbell),1,100,5,0,0,,,",
            $"2024-06-01 10:00:00,Hostile,2147483647h,{longName}one,1,50,5,0,0,,,",
            $"2024-06-01 10:00:00,Hostile,2147483647h,{longName}two,1,50,5,0,0,,,",
            $"2024-06-01 10:00:00,Hostile,2147483647h,Squat (Barbell),4,100,5,0,0,{longNote},,",
            "2024-06-01 10:00:00,HOSTILE,2147483647h,Squat (Barbell),5,100,5,0,0,,,",
        ];

        var summary = await client.ImportCsvAsync($"{Import}?tz=Europe/Berlin", Encoding.UTF8.GetBytes(string.Join('\n', lines)));

        var skipped = summary.GetProperty("skipped")
            .EnumerateArray()
            .ToDictionary(s => s.GetProperty("row").GetInt32(), s => s.GetProperty("reason").GetString()!);
        Assert.Equal([3, 4, 5, 7], skipped.Keys.Order());
        Assert.StartsWith("distanceMeters:", skipped[3], StringComparison.Ordinal);
        Assert.StartsWith("weight:", skipped[4], StringComparison.Ordinal);
        Assert.Contains("not a number", skipped[5], StringComparison.Ordinal);
        Assert.Contains("not a date and time", skipped[7], StringComparison.Ordinal);
        Assert.Equal(6, summary.GetProperty("setsImported").GetInt32());
        Assert.Single(summary.GetProperty("exercisesCreated").EnumerateArray());

        var workouts = await WorkoutsAsync(client);
        Assert.Equal(["End of time", "Hostile"], workouts.Select(w => w.GetProperty("name").GetString()).Order());
        var hostile = workouts.Single(w => w.GetProperty("name").GetString() == "Hostile");
        Assert.Equal(JsonValueKind.Null, hostile.GetProperty("endedAt").ValueKind);
        var sets = hostile.GetProperty("exercises").EnumerateArray().SelectMany(x => x.GetProperty("sets").EnumerateArray()).ToList();
        Assert.Equal(5, sets.Count);
        Assert.Equal(JsonValueKind.Null, sets[0].GetProperty("rpe").ValueKind);
        var note = sets[3].GetProperty("notes").GetString()!;
        Assert.Equal(new string('n', 1999), note);
        Assert.Equal(JsonValueKind.Null, workouts.Single(w => w.GetProperty("name").GetString() == "End of time").GetProperty("endedAt").ValueKind);
    }

    private static ByteArrayContent Csv(string text) => Csv(Encoding.UTF8.GetBytes(text));

    private static ByteArrayContent Csv(byte[] bytes) => new(bytes) { Headers = { ContentType = new("text/csv") } };

    private async Task<(long Workouts, long Exercises, long Sets, long Custom)> RowCountsAsync(string userId) => (
        await api.CountAsync("select count(*) from workouts where user_id = @id", ("id", Guid.Parse(userId))),
        await api.CountAsync("select count(*) from workout_exercises where user_id = @id", ("id", Guid.Parse(userId))),
        await api.CountAsync("select count(*) from workout_sets where user_id = @id", ("id", Guid.Parse(userId))),
        await api.CountAsync("select count(*) from exercises where user_id = @id", ("id", Guid.Parse(userId))));

    /// <summary>Every workout in full, oldest first.</summary>
    private static async Task<List<JsonElement>> WorkoutsAsync(ApiClient client)
    {
        var list = await client.GetAsync($"{Base}/workouts?limit=100");
        var workouts = new List<JsonElement>();
        foreach (var item in list.Body.GetProperty("items").EnumerateArray())
        {
            workouts.Add((await client.GetAsync($"{Base}/workouts/{item.Id()}")).Body);
        }

        return [.. workouts.OrderBy(w => w.GetProperty("startedAt").GetDateTimeOffset())];
    }

    /// <summary>Every stored set as one line: its workout, exercise, and every value it holds.</summary>
    private static async Task<string[]> AllSetsAsync(ApiClient client)
    {
        var lines = new List<string>();
        foreach (var workout in await WorkoutsAsync(client))
        {
            var head = $"{workout.GetProperty("name").GetString()} {workout.GetProperty("startedAt").GetString()} to " +
                $"{workout.GetProperty("endedAt").GetString()}";
            foreach (var exercise in workout.GetProperty("exercises").EnumerateArray())
            {
                foreach (var set in exercise.GetProperty("sets").EnumerateArray())
                {
                    var line = new StringBuilder($"{head} | {exercise.GetProperty("exerciseName").GetString()} | {set.GetProperty("type").GetString()}");
                    Append(line, "reps", set, "reps");
                    Append(line, "weight", set, "weight");
                    if (set.GetProperty("weightUnit").GetString() is { } unit)
                    {
                        line.Append(' ').Append(unit);
                    }

                    Append(line, "seconds", set, "durationSeconds");
                    Append(line, "metres", set, "distanceMeters");
                    Append(line, "rpe", set, "rpe");
                    Append(line, "notes", set, "notes");
                    lines.Add(line.ToString());
                }
            }
        }

        return [.. lines];
    }

    private static void Append(StringBuilder line, string label, JsonElement set, string property)
    {
        var value = set.GetProperty(property);
        var text = value.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.Number => (value.GetDecimal() / 1.000000000000000000000000000m).ToString(CultureInfo.InvariantCulture),
            _ => value.GetString(),
        };
        if (text is not null)
        {
            line.Append(' ').Append(label).Append('=').Append(text);
        }
    }
}
