using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// One exercise's progress chart (<see cref="ProgressQueries.ExerciseSeriesAsync"/>), grouped in SQL per workout so one row
/// per chart point comes back instead of one per set (bench/README.md, "Training at size, third pass").
/// <para>
/// A window read (a <c>from</c> date) starts from the person's workouts in the window by <c>workouts_user_idx</c>, bounded
/// by a UTC instant that is a safe superset of the zoned dates, and reads each one's sets of the exercise by
/// <c>workout_sets_workout_idx</c>: its cost follows the window, not the history. The whole series reads the exercise's sets
/// by <c>workout_sets_progress_idx</c>, which holds the measures.
/// </para>
/// <para>
/// SQL only groups: each row carries its workout's weighed sets (load and reps) as two arrays, and the numbers are computed
/// here exactly as they were per set (<see cref="Epley"/>'s decimal arithmetic differs from exact arithmetic in the last cent,
/// e.g. 1.65 kg × 1 rep is 1.70, not 1.71, so it is not redone in SQL). <c>ProgressSeriesEqualityTests</c> holds the two equal.
/// </para>
/// </summary>
internal static class ExerciseSeries
{
    // Of one workout's sets of the exercise, warm-ups left out: the weighed ones (a load and at least one rep; whether the
    // exercise is weighed at all is its kind, decided below), the reps and the count. A load comes as whole hundredths of a kg,
    // the value the computation used (rounded half away from zero to the cent, as Math.Round was; weight_kg is numeric(10,4),
    // so at most 100,000,000): an int array is half the bytes of a numeric one and its elements need no numeric-to-decimal
    // conversion (reading the numeric arrays was 9 % of the series' CPU; bench/README.md, "Training at size, fourth pass").
    private const string Measures =
        """
        array_agg(s.reps) filter (where s.reps > 0 and s.weight_kg is not null) as reps,
        array_agg((round(s.weight_kg, 2) * 100)::int) filter (where s.reps > 0 and s.weight_kg is not null) as cents,
        coalesce(sum(s.reps), 0)::int as total_reps, count(*)::int as sets
        """;

    // The lateral aggregate cannot be flattened into a join, so the plan is a loop over the window's workouts.
    private const string WindowSql =
        $"""
        select (w.started_at at time zone @zone)::date, w.id, a.reps, a.cents, a.total_reps, a.sets, (select kind from exercises where id = @exercise)
        from workouts w cross join lateral (
          select {Measures}
          from workout_sets s
          where s.workout_id = w.id and s.exercise_id = @exercise and s.set_type <> 'warmup'
        ) a
        where w.user_id = @user and w.status <> 'abandoned' and a.sets > 0
          and w.started_at >= @from_utc and (w.started_at at time zone @zone)::date >= @from
          and (@to is null or (w.started_at < @to_utc and (w.started_at at time zone @zone)::date <= @to))
        order by w.started_at, w.id
        """;

    private const string WholeSql =
        $"""
        select (w.started_at at time zone @zone)::date, w.id, a.reps, a.cents, a.total_reps, a.sets, (select kind from exercises where id = @exercise)
        from (
          select s.workout_id, {Measures}
          from workout_sets s
          where s.user_id = @user and s.exercise_id = @exercise and s.set_type <> 'warmup'
          group by s.workout_id
        ) a join workouts w on w.id = a.workout_id
        where w.user_id = @user and w.status <> 'abandoned' and (@to is null or (w.started_at at time zone @zone)::date <= @to)
        order by w.started_at, w.id
        """;

    public static async Task<IReadOnlyList<ExerciseProgressPoint>> ReadAsync(
        NpgsqlDataSource dataSource, Guid userId, Guid exerciseId, DateOnly? from, DateOnly? to, string zone, CancellationToken cancellationToken)
    {
        // The whole series is prepared: it was planned again on every read (2-6 ms of planning per request under load, bench/README.md,
        // fourth pass), and a prepared statement lives with its pooled connection. Its plan does not depend on the values (the
        // person's sets of the exercise by workout_sets_progress_idx); the window's does (how far back it starts), so it is not.
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand(from is null ? WholeSql : WindowSql, connection);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("exercise", exerciseId);
        command.Parameters.AddWithValue("zone", NpgsqlDbType.Text, zone);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Date, to ?? (object)DBNull.Value);
        if (from is { } first)
        {
            // Bounds the workouts index can seek: no zone is more than 14 hours ahead of UTC or 12 behind, so a day before the
            // first day and two after the last (which ends a day after it starts) keep every workout of the zoned dates.
            command.Parameters.AddWithValue("from", NpgsqlDbType.Date, first);
            command.Parameters.AddWithValue("from_utc", NpgsqlDbType.TimestampTz, Utc(first.AddDays(-1)));
            command.Parameters.AddWithValue("to_utc", NpgsqlDbType.TimestampTz, to is { } last ? Utc(last.AddDays(2)) : DBNull.Value);
        }

        if (from is null)
        {
            await command.PrepareAsync(cancellationToken);
        }

        var points = new List<ExerciseProgressPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var weighed = reader.GetString(6) == ExerciseKind.WeightReps && !reader.IsDBNull(2);
            points.Add(Point(
                reader.GetFieldValue<DateOnly>(0),
                reader.GetGuid(1),
                weighed ? reader.GetFieldValue<int[]>(2) : [],
                weighed ? reader.GetFieldValue<int[]>(3) : [],
                reader.GetInt32(4),
                reader.GetInt32(5)));
        }

        return points;
    }

    /// <summary>
    /// One workout's point from its weighed sets (<paramref name="reps"/> and <paramref name="cents"/> pairwise): the best Epley
    /// estimate, the heaviest load and the volume, in a single pass. A load is the cent-rounded kg with scale 2, as
    /// Math.Round(kg, 2) gave it from numeric(10,4); the volume is summed in cents, which is exact, as the decimal sum was.
    /// </summary>
    internal static ExerciseProgressPoint Point(DateOnly date, Guid workoutId, int[] reps, int[] cents, int totalReps, int sets)
    {
        decimal? bestE1rm = null;
        decimal? bestWeight = null;
        long volumeCents = 0;
        for (var i = 0; i < cents.Length; i++)
        {
            var kg = Kg(cents[i]);
            if (Epley.OneRepMax(kg, reps[i]) is { } e1rm && (bestE1rm is not { } best || e1rm > best))
            {
                bestE1rm = e1rm;
            }

            if (bestWeight is not { } heaviest || kg > heaviest)
            {
                bestWeight = kg;
            }

            volumeCents += (long)cents[i] * reps[i];
        }

        // No weighed set sums to a plain 0, as an empty decimal sum did.
        var volume = cents.Length == 0 ? 0m : Kg(volumeCents);
        return new ExerciseProgressPoint(date, workoutId, bestE1rm, bestWeight, volume, totalReps, sets);
    }

    private static decimal Kg(long cents)
    {
        var magnitude = (ulong)Math.Abs(cents);
        return new decimal(unchecked((int)(uint)magnitude), (int)(magnitude >> 32), 0, cents < 0, 2);
    }

    private static DateTimeOffset Utc(DateOnly day) => new(day, TimeOnly.MinValue, TimeSpan.Zero);
}
