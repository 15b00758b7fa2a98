using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>Reads workouts with their exercises, sets and prefill from SQL.</summary>
internal static class WorkoutReader
{
    /// <summary>A set's columns as <see cref="ReadSet"/> reads them, the table aliased <c>s</c>.</summary>
    public const string SetColumns =
        "s.id, s.workout_exercise_id, s.exercise_id, s.position, s.set_type, s.reps, s.weight, s.weight_unit, s.weight_kg, " +
        "s.duration_seconds, s.distance_m, s.rpe, s.rir, s.notes, s.completed_at, s.records";

    public static async Task<WorkoutView?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid workoutId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select w.id, w.name, w.notes, w.status, w.program_id, w.program_day_id, w.started_at, w.ended_at, w.source, w.version
            from workouts w where w.id = @id and w.user_id = @user;
            select we.id, we.position, we.exercise_id, e.name, e.kind, we.superset_group, we.skipped, we.notes, we.has_target,
                   we.target_sets, we.reps_min, we.reps_max, we.target_weight, we.weight_unit, we.target_rpe, we.target_rir, we.rest_seconds
            from workout_exercises we join exercises e on e.id = we.exercise_id
            where we.workout_id = @id and we.user_id = @user order by we.position;
            select {SetColumns}, e.kind from workout_sets s join exercises e on e.id = s.exercise_id
            where s.workout_id = @id and s.user_id = @user order by s.position;
            """, connection, transaction);
        command.Parameters.AddWithValue("id", workoutId);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var workout = new WorkoutView(
            reader.GetGuid(0), reader.GetString(1), reader.NullableString(2), reader.GetString(3), reader.Nullable<Guid>(4), reader.Nullable<Guid>(5),
            reader.GetFieldValue<DateTimeOffset>(6), reader.Nullable<DateTimeOffset>(7), reader.GetString(8), [], reader.GetInt64(9));
        await reader.NextResultAsync(cancellationToken);
        var exercises = new List<WorkoutExerciseView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var target = reader.GetBoolean(8)
                ? new ExerciseTarget(reader.Nullable<int>(9), reader.Nullable<int>(10), reader.Nullable<int>(11), reader.Nullable<decimal>(12),
                    reader.NullableString(13), reader.Nullable<decimal>(14), reader.Nullable<int>(15), reader.Nullable<int>(16))
                : null;
            exercises.Add(new WorkoutExerciseView(
                reader.GetGuid(0), reader.GetInt32(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.Nullable<int>(5),
                reader.GetBoolean(6), reader.NullableString(7), target, [], null));
        }

        await reader.NextResultAsync(cancellationToken);
        var sets = new List<SetView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            sets.Add(ReadSet(reader, reader.GetString(16)));
        }

        await reader.DisposeAsync();
        var previous = await PreviousAsync(
            connection, transaction, userId, [.. exercises.Select(e => e.ExerciseId).Distinct()], workoutId, workout.StartedAt, cancellationToken);
        return workout with
        {
            Exercises = [.. exercises.Select(e => e with
            {
                Sets = [.. sets.Where(s => s.WorkoutExerciseId == e.Id)],
                Previous = previous.GetValueOrDefault(e.ExerciseId),
            })],
        };
    }

    /// <summary>
    /// For each exercise, the sets of the latest workout (not abandoned, not <paramref name="excludeWorkout"/>,
    /// started no later than <paramref name="before"/>) that has sets of it: what a new set is prefilled from.
    /// </summary>
    public static async Task<Dictionary<Guid, PreviousPerformance>> PreviousAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid[] exerciseIds, Guid? excludeWorkout, DateTimeOffset before,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<Guid, PreviousPerformance>();
        if (exerciseIds.Length == 0)
        {
            return result;
        }

        await using var command = new NpgsqlCommand(
            """
            select x.exercise_id, last.id, last.started_at, s.set_type, s.reps, s.weight, s.weight_unit, s.duration_seconds, s.distance_m, s.rpe, s.rir
            from unnest(@exercises) as x (exercise_id)
            cross join lateral (
              select w.id, w.started_at from workouts w
              where w.user_id = @user and w.status <> 'abandoned' and w.started_at <= @before
                and (@exclude is null or w.id <> @exclude)
                and exists (select 1 from workout_sets ws where ws.workout_id = w.id and ws.exercise_id = x.exercise_id)
              order by w.started_at desc, w.id desc limit 1) last
            join workout_exercises we on we.workout_id = last.id and we.exercise_id = x.exercise_id
            join workout_sets s on s.workout_exercise_id = we.id
            order by x.exercise_id, we.position, s.position
            """, connection, transaction);
        command.Parameters.AddWithValue("exercises", exerciseIds);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("before", NpgsqlDbType.TimestampTz, before);
        command.Parameters.AddWithValue("exclude", NpgsqlDbType.Uuid, excludeWorkout ?? (object)DBNull.Value);
        var rows = new List<(Guid Exercise, Guid Workout, DateTimeOffset At, PreviousSet Set)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<DateTimeOffset>(2), new PreviousSet(
                0, SetMeasures.Read(reader, 3), reader.Nullable<int>(10))));
        }

        foreach (var group in rows.GroupBy(r => r.Exercise))
        {
            var first = group.First();
            result[group.Key] = new PreviousPerformance(first.Workout, first.At, [.. group.Select((r, i) => r.Set with { Position = i + 1 })]);
        }

        return result;
    }

    public static async Task<IReadOnlyList<SetView>> SetsOfExerciseAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid workoutExerciseId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"select {SetColumns}, e.kind from workout_sets s join exercises e on e.id = s.exercise_id where s.workout_exercise_id = @we and s.user_id = @user order by s.position",
            connection, transaction);
        command.Parameters.AddWithValue("we", workoutExerciseId);
        command.Parameters.AddWithValue("user", userId);
        var sets = new List<SetView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sets.Add(ReadSet(reader, reader.GetString(16)));
        }

        return sets;
    }

    public static SetView ReadSet(NpgsqlDataReader reader, string kind)
    {
        var type = reader.GetString(4);
        var reps = reader.Nullable<int>(5);
        var weightKg = reader.Nullable<decimal>(8);
        decimal? e1rm = null, volume = null;
        if (kind == ExerciseKind.WeightReps && weightKg is { } kg && reps is { } r)
        {
            var rounded = Math.Round(kg, 2, MidpointRounding.AwayFromZero);
            volume = Math.Round(rounded * r, 2, MidpointRounding.AwayFromZero);
            e1rm = type == SetType.Warmup ? null : Epley.OneRepMax(rounded, r);
        }

        return new SetView(
            reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), type, reps, reader.Nullable<decimal>(6), reader.NullableString(7),
            weightKg is { } w ? Math.Round(w, 2, MidpointRounding.AwayFromZero) : null, reader.Nullable<int>(9), reader.Nullable<decimal>(10),
            reader.Nullable<decimal>(11), reader.Nullable<int>(12), reader.NullableString(13), reader.GetFieldValue<DateTimeOffset>(14), e1rm, volume,
            reader.GetFieldValue<string[]>(15));
    }
}
