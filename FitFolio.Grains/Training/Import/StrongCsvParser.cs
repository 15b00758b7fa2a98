namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Strong's export: one row per set, ';' or ',' delimited. Older files carry <c>Weight</c> with a
/// <c>Weight Unit</c> column (or no unit: kg), newer ones <c>Weight (kg)</c> or <c>Weight (lbs)</c>;
/// distance likewise (<c>Distance (km)</c>, <c>Distance (miles)</c>, or km). The 2025 layout leads
/// with <c>Workout #</c>, gives <c>Duration (sec)</c> in seconds and <c>Distance (meters)</c>, and
/// prints floating-point artefacts (<see cref="ImportNumbers"/>). <c>Set Order</c> is a number, W
/// (warm-up), D (drop) or F (failure); "Rest Timer" rows are timers, not sets.
/// </summary>
internal static class StrongCsvParser
{
    private static readonly string[] DateFormats =
        ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd H:mm:ss", "yyyy-MM-dd h:mm:ss tt", "yyyy-MM-dd HH:mm", "yyyy-MM-dd h:mm tt", "yyyy-MM-dd"];

    public static bool Matches(CsvHeader header) => header.Has("Exercise Name") && header.Has("Date") && header.Has("Set Order");

    public static ImportParse Parse(CsvHeader header, IReadOnlyList<CsvRecord> rows, TimeZoneInfo zone)
    {
        var date = header.Find("Date");
        var workoutName = header.Find("Workout Name");
        var exerciseName = header.Find("Exercise Name");
        var setOrder = header.Find("Set Order");
        var reps = header.Find("Reps");
        if (workoutName is null || reps is null)
        {
            return ImportParse.Fail("unknown_layout", "This looks like a Strong export but lacks the 'Workout Name' or 'Reps' column.");
        }

        var duration = header.Find("Duration (sec)", "Duration");
        var (weight, fixedWeightUnit) = header.Find("Weight (kg)") is { } kg ? (kg, Weights.Kg)
            : header.Find("Weight (lbs)", "Weight (lb)") is { } lbs ? (lbs, Weights.Lb) : (header.Find("Weight"), (string?)null);
        var weightUnit = header.Find("Weight Unit");
        var (distance, metresPer) = header.Find("Distance (km)") is { } km ? (km, 1000m)
            : header.Find("Distance (miles)", "Distance (mi)") is { } mi ? (mi, 1609.344m)
            : header.Find("Distance (meters)", "Distance (m)") is { } m ? (m, 1m) : (header.Find("Distance"), 1000m);
        var distanceUnit = header.Find("Distance Unit");
        var seconds = header.Find("Seconds");
        var notes = header.Find("Notes");
        var workoutNotes = header.Find("Workout Notes");
        var rpe = header.Find("RPE");

        var skipped = new List<ImportSkip>();
        var workouts = new WorkoutAccumulator("strong");
        foreach (var row in rows)
        {
            string V(int? column) => CsvHeader.Value(row, column);
            if (row.Fields.Count != header.Count)
            {
                skipped.Add(new ImportSkip(row.Row, $"the row has {row.Fields.Count} fields; the header has {header.Count}."));
                continue;
            }

            var order = V(setOrder);
            if (order.Equals("Rest Timer", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(new ImportSkip(row.Row, "a rest timer, not a set."));
                continue;
            }

            if (!ImportFields.TryLocalTime(V(date), DateFormats, zone, out var startedAt))
            {
                skipped.Add(new ImportSkip(row.Row, $"Date '{Clip(V(date))}' is not a date and time."));
                continue;
            }

            var name = V(workoutName);
            var exercise = V(exerciseName);
            if (exercise.Length == 0)
            {
                skipped.Add(new ImportSkip(row.Row, "Exercise Name is empty."));
                continue;
            }

            var type = order.ToUpperInvariant() switch
            {
                "W" => SetType.Warmup,
                "D" => SetType.Drop,
                "F" => SetType.Failure,
                _ when int.TryParse(order, out _) => SetType.Working,
                _ => null,
            };
            if (type is null)
            {
                skipped.Add(new ImportSkip(row.Row, $"Set Order '{Clip(order)}' is not a set number, W, D or F."));
                continue;
            }

            if (!ImportNumbers.TryWhole(V(reps), out var repCount) || !ImportNumbers.TryMeasure(V(weight), out var load)
                || !ImportNumbers.TryWhole(V(seconds), out var time) || !ImportNumbers.TryExact(V(distance), out var far)
                || !ImportNumbers.TryMeasure(V(rpe), out var effort))
            {
                skipped.Add(new ImportSkip(row.Row, "Reps, Weight, Seconds, Distance or RPE is not a number."));
                continue;
            }

            var unit = fixedWeightUnit ?? (V(weightUnit).ToLowerInvariant() switch { "lbs" or "lb" => Weights.Lb, _ => Weights.Kg });
            var metres = V(distanceUnit).ToLowerInvariant() switch { "mi" or "miles" => 1609.344m, "m" => 1m, "km" => 1000m, _ => metresPer };
            if (ImportNumbers.Measures(type, repCount, load, unit, time, far, metres, effort) is not { } measures)
            {
                skipped.Add(new ImportSkip(row.Row, "no reps, weight, time or distance."));
                continue;
            }

            var set = new ImportedSet(row.Row, measures, NullIfEmpty(V(notes)));
            var end = ImportFields.End(startedAt, ImportFields.Duration(V(duration)));
            workouts.Add(startedAt, name.Length == 0 ? "Workout" : name, end, V(workoutNotes), exercise, null, null, set);
        }

        return ImportParse.Ok(new ImportBatch("strong", workouts.Build(), skipped));
    }

    internal static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
