namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Hevy's export: ',' delimited, one row per set, <c>weight_kg</c> or <c>weight_lbs</c>,
/// <c>distance_km</c> or <c>distance_miles</c>, <c>set_type</c> normal/warmup/dropset/failure,
/// times like "15 Jan 2024, 18:30", or "Jan 15, 2024, 6:30 PM" where the phone uses 12-hour time.
/// </summary>
internal static class HevyCsvParser
{
    private static readonly string[] DateFormats =
        ["d MMM yyyy, HH:mm", "d MMM yyyy, H:mm", "d MMM yyyy HH:mm", "d MMMM yyyy, HH:mm", "MMM d, yyyy, h:mm tt", "d MMM yyyy, h:mm tt",
         "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm:ss"];

    public static bool Matches(CsvHeader header) => header.Has("exercise_title") && header.Has("start_time");

    public static ImportParse Parse(CsvHeader header, IReadOnlyList<CsvRecord> rows, TimeZoneInfo zone)
    {
        var title = header.Find("title");
        var start = header.Find("start_time");
        var end = header.Find("end_time");
        var description = header.Find("description");
        var exerciseTitle = header.Find("exercise_title");
        var superset = header.Find("superset_id");
        var exerciseNotes = header.Find("exercise_notes");
        var setType = header.Find("set_type");
        var (weight, unit) = header.Find("weight_kg") is { } kg ? (kg, Weights.Kg) : (header.Find("weight_lbs", "weight_lb"), Weights.Lb);
        var reps = header.Find("reps");
        var (distance, metresPer) = header.Find("distance_km") is { } km ? (km, 1000m) : (header.Find("distance_miles", "distance_mi"), 1609.344m);
        var duration = header.Find("duration_seconds");
        var rpe = header.Find("rpe");
        if (title is null || reps is null || weight is null)
        {
            return ImportParse.Fail("unknown_layout", "This looks like a Hevy export but lacks the 'title', 'reps' or 'weight_kg'/'weight_lbs' column.");
        }

        var skipped = new List<ImportSkip>();
        var workouts = new WorkoutAccumulator("hevy");
        foreach (var row in rows)
        {
            string V(int? column) => CsvHeader.Value(row, column);
            if (row.Fields.Count != header.Count)
            {
                skipped.Add(new ImportSkip(row.Row, $"the row has {row.Fields.Count} fields; the header has {header.Count}."));
                continue;
            }

            if (!ImportFields.TryLocalTime(V(start), DateFormats, zone, out var startedAt))
            {
                skipped.Add(new ImportSkip(row.Row, $"start_time '{StrongCsvParser.Clip(V(start))}' is not a date and time."));
                continue;
            }

            DateTimeOffset? endedAt = ImportFields.TryLocalTime(V(end), DateFormats, zone, out var parsedEnd) ? parsedEnd : null;
            var exercise = V(exerciseTitle);
            if (exercise.Length == 0)
            {
                skipped.Add(new ImportSkip(row.Row, "exercise_title is empty."));
                continue;
            }

            var type = V(setType).ToLowerInvariant() switch
            {
                "" or "normal" => SetType.Working,
                "warmup" or "warm_up" => SetType.Warmup,
                "dropset" or "drop" => SetType.Drop,
                "failure" => SetType.Failure,
                _ => null,
            };
            if (type is null)
            {
                skipped.Add(new ImportSkip(row.Row, $"set_type '{StrongCsvParser.Clip(V(setType))}' is not normal, warmup, dropset or failure."));
                continue;
            }

            if (!ImportNumbers.TryWhole(V(reps), out var repCount) || !ImportNumbers.TryMeasure(V(weight), out var load)
                || !ImportNumbers.TryWhole(V(duration), out var time) || !ImportNumbers.TryExact(V(distance), out var far)
                || !ImportNumbers.TryMeasure(V(rpe), out var effort) || !ImportNumbers.TryWhole(V(superset), out var group))
            {
                skipped.Add(new ImportSkip(row.Row, "reps, weight, duration_seconds, distance, rpe or superset_id is not a number."));
                continue;
            }

            if (ImportNumbers.Measures(type, repCount, load, unit, time, far, metresPer, effort) is not { } measures)
            {
                skipped.Add(new ImportSkip(row.Row, "no reps, weight, time or distance."));
                continue;
            }

            var set = new ImportedSet(row.Row, measures, null);
            var name = V(title);
            workouts.Add(startedAt, name.Length == 0 ? "Workout" : name, endedAt, V(description), exercise, V(exerciseNotes),
                group is >= 0 and < TargetRules.MaxSupersetGroup ? group + 1 : null, set);
        }

        return ImportParse.Ok(new ImportBatch("hevy", workouts.Build(), skipped));
    }
}
