using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

internal sealed partial class TrainingGrain
{
    public async Task<TrainingOutcome<SetLogged>> LogSet(Guid workoutId, Guid workoutExerciseId, SetInput input)
    {
        if (input.Id is not { } setId || setId == Guid.Empty)
        {
            return TrainingError.Validation("id", "id is required: a UUID the client generates, so a retry never logs the set twice.");
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await TrainingIdempotency.ClaimAsync(connection, transaction) is { } running)
        {
            return running;
        }

        // One round trip for every check before the insert, answered in the order they were made one by one: the workout
        // (locked, as every write to it), the exercise entry, the content, a set already stored with this id.
        var found = await LogTargetAsync(connection, transaction, workoutId, workoutExerciseId, setId);
        if (WritableRefusal(found?.Status) is { } refusal)
        {
            return refusal;
        }

        if (found!.Target is not { } target)
        {
            return TrainingError.NotFound("exercise in this workout");
        }

        var validated = SetValidator.Validate(input, target.Kind);
        if (validated.Error is { } invalid)
        {
            return invalid;
        }

        var content = validated.Value!;
        if (found.Stored is { } stored)
        {
            return await RetriedAsync(connection, transaction, stored, workoutExerciseId, content, target);
        }

        // The insert and the record book's read in one batch (one round trip); the answer's set is what the insert returned.
        SetView set;
        RecordKeeper.AppendRead? book;
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            var insert = new NpgsqlBatchCommand(
                $"""
                insert into workout_sets as s (id, user_id, workout_id, workout_exercise_id, exercise_id, position, set_type, reps, weight, weight_unit,
                                               weight_kg, duration_seconds, distance_m, rpe, rir, notes, completed_at)
                values (@id, @user, @workout, @we, @exercise,
                        (select coalesce(max(position), 0) + 1 from workout_sets where workout_exercise_id = @we),
                        @type, @reps, @weight, @unit, @kg, @duration, @distance, @rpe, @rir, @notes, @completed)
                on conflict (id) do nothing
                returning {WorkoutReader.SetColumns}
                """);
            Bind(insert.Parameters, content);
            insert.Parameters.AddWithValue("id", setId);
            insert.Parameters.AddWithValue("user", UserId);
            insert.Parameters.AddWithValue("workout", workoutId);
            insert.Parameters.AddWithValue("we", workoutExerciseId);
            insert.Parameters.AddWithValue("exercise", target.ExerciseId);
            insert.Parameters.AddWithValue("completed", NpgsqlDbType.TimestampTz, input.CompletedAt ?? clock.GetUtcNow());
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(RecordKeeper.AppendReadCommand(UserId, setId));
            // Prepared, as are the check and the book's save: planning these joins was most of their time (bench/README.md, third pass);
            // a prepared statement lives on with its pooled connection, so a connection plans it once.
            await batch.PrepareAsync();
            await using var reader = await batch.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
            {
                // Another activation of this grain stored it a moment ago (only during a membership change).
                return TrainingError.Conflict("set_conflict", "A set with this id was just logged; retry to get it.");
            }

            set = WorkoutReader.ReadSet(reader, target.Kind);
            await reader.NextResultAsync();
            book = await RecordKeeper.ReadAppendAsync(reader, setId, default);
        }

        // A new set is usually the last of its exercise's history: added to the stored records, not replayed with it.
        var records = await RecordKeeper.AppendAsync(connection, transaction, UserId, setId, book, default);
        return await CommitAsync(connection, transaction, target, set with { Records = RecordKeeper.Marks(records) }, records, created: true);
    }

    public async Task<TrainingOutcome<SetLogged>> ReplaceSet(Guid workoutId, Guid setId, SetInput input)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await TrainingIdempotency.ClaimAsync(connection, transaction) is { } running)
        {
            return running;
        }

        if (await WritableWorkoutAsync(connection, transaction, workoutId) is { } refusal)
        {
            return refusal;
        }

        if (await StoredSetAsync(connection, transaction, setId) is not { } stored || stored.WorkoutId != workoutId)
        {
            return TrainingError.NotFound("set in this workout");
        }

        var target = (await FindWorkoutExerciseAsync(connection, transaction, workoutId, stored.WorkoutExerciseId))!;
        var validated = SetValidator.Validate(input, target.Kind);
        if (validated.Error is { } invalid)
        {
            return invalid;
        }

        await using (var update = new NpgsqlCommand(
            """
            update workout_sets set set_type = @type, reps = @reps, weight = @weight, weight_unit = @unit, weight_kg = @kg,
                   duration_seconds = @duration, distance_m = @distance, rpe = @rpe, rir = @rir, notes = @notes,
                   completed_at = coalesce(@completed, completed_at)
            where id = @id and user_id = @user
            """, connection, transaction))
        {
            Bind(update.Parameters, validated.Value!);
            update.Parameters.AddWithValue("id", setId);
            update.Parameters.AddWithValue("user", UserId);
            update.Parameters.AddWithValue("completed", NpgsqlDbType.TimestampTz, input.CompletedAt ?? (object)DBNull.Value);
            await update.ExecuteNonQueryAsync();
        }

        return await CommitWithSetAsync(connection, transaction, setId, target);
    }

    public Task<TrainingOutcome<bool>> DeleteSet(Guid workoutId, Guid setId) =>
        DeleteFromWorkoutAsync(workoutId, "workout_sets", setId, "set in this workout", afterDelete: null);

    /// <summary>
    /// The same id again: the same content (completion time aside) is a retry and gets the stored set
    /// and its records; anything else reusing the id is a client bug and is refused, changing nothing.
    /// </summary>
    private async Task<TrainingOutcome<SetLogged>> RetriedAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, StoredSet stored, Guid workoutExerciseId, SetContent content, WorkoutExerciseRef target)
    {
        if (stored.UserId != UserId || stored.WorkoutExerciseId != workoutExerciseId || stored.Content != content)
        {
            return TrainingError.Conflict("set_conflict", "A different set was already logged with this id; generate a new id for a new set.");
        }

        return await CommitWithSetAsync(connection, transaction, stored.Id, target);
    }

    private async Task<TrainingOutcome<SetLogged>> CommitWithSetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid setId, WorkoutExerciseRef target)
    {
        var records = (await RecordKeeper.RemarkAsync(connection, transaction, UserId, [target.ExerciseId], default)).GetValueOrDefault(setId) ?? [];
        var set = (await WorkoutReader.SetsOfExerciseAsync(connection, transaction, UserId, target.Id, default)).Single(s => s.Id == setId);
        return await CommitAsync(connection, transaction, target, set, records, created: false);
    }

    private static Task<TrainingOutcome<SetLogged>> CommitAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, WorkoutExerciseRef target, SetView set, List<RecordHit> records, bool created) =>
        TrainingIdempotency.CommitAsync(
            connection,
            transaction,
            TrainingOutcome<SetLogged>.Ok(
                new SetLogged(set, [.. records.Select(h => new PersonalRecord(
                    target.ExerciseId, target.ExerciseName, h.Type, h.Value, h.Unit, h.AtWeightKg,
                    h.Type == RecordType.BestSessionVolume ? null : set.Id, target.WorkoutId, set.CompletedAt, h.Previous))]),
                created));

    private static void Bind(NpgsqlParameterCollection parameters, SetContent content)
    {
        var measures = content.Measures;
        parameters.AddWithValue("type", NpgsqlDbType.Text, measures.Type);
        parameters.AddWithValue("reps", NpgsqlDbType.Integer, measures.Reps ?? (object)DBNull.Value);
        parameters.AddWithValue("weight", NpgsqlDbType.Numeric, measures.Weight ?? (object)DBNull.Value);
        parameters.AddWithValue("unit", NpgsqlDbType.Text, measures.WeightUnit ?? (object)DBNull.Value);
        parameters.AddWithValue("kg", NpgsqlDbType.Numeric, measures.WeightKg ?? (object)DBNull.Value);
        parameters.AddWithValue("duration", NpgsqlDbType.Integer, measures.DurationSeconds ?? (object)DBNull.Value);
        parameters.AddWithValue("distance", NpgsqlDbType.Numeric, measures.DistanceMeters ?? (object)DBNull.Value);
        parameters.AddWithValue("rpe", NpgsqlDbType.Numeric, measures.Rpe ?? (object)DBNull.Value);
        parameters.AddWithValue("rir", NpgsqlDbType.Integer, content.Rir ?? (object)DBNull.Value);
        parameters.AddWithValue("notes", NpgsqlDbType.Text, content.Notes ?? (object)DBNull.Value);
    }

    /// <summary>
    /// The workout's status (locked for update; null when it is not this person's), the exercise entry in it and a set
    /// stored with <paramref name="setId"/> by anyone (a client id clashing with someone else's set is refused, never overwritten).
    /// </summary>
    private async Task<LogTarget?> LogTargetAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId, Guid workoutExerciseId, Guid setId)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select w.status, t.exercise_id, t.kind, t.name, s.*
            from workouts w
            left join lateral (
              select we.exercise_id, e.kind, e.name from workout_exercises we join exercises e on e.id = we.exercise_id
              where we.id = @we and we.workout_id = w.id and we.user_id = @user
            ) t on true
            left join lateral (
              select user_id, workout_id, workout_exercise_id, {SetMeasures.Columns}, rir, notes from workout_sets where id = @set
            ) s on true
            where w.id = @workout and w.user_id = @user
            for update of w
            """, connection, transaction);
        command.Parameters.AddWithValue("workout", workoutId);
        command.Parameters.AddWithValue("we", workoutExerciseId);
        command.Parameters.AddWithValue("set", setId);
        command.Parameters.AddWithValue("user", UserId);
        await command.PrepareAsync();
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var target = reader.IsDBNull(1)
            ? null
            : new WorkoutExerciseRef(workoutExerciseId, workoutId, reader.GetGuid(1), reader.GetString(2), reader.GetString(3));
        var stored = reader.IsDBNull(4)
            ? null
            : new StoredSet(setId, reader.GetGuid(4), reader.GetGuid(5), reader.GetGuid(6),
                new SetContent(SetMeasures.Read(reader, 7), reader.Nullable<int>(14), reader.NullableString(15)));
        return new LogTarget(reader.GetString(0), target, stored);
    }

    private async Task<WorkoutExerciseRef?> FindWorkoutExerciseAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId, Guid workoutExerciseId)
    {
        await using var command = new NpgsqlCommand(
            """
            select we.exercise_id, e.kind, e.name from workout_exercises we join exercises e on e.id = we.exercise_id
            where we.id = @id and we.workout_id = @workout and we.user_id = @user
            """, connection, transaction);
        command.Parameters.AddWithValue("id", workoutExerciseId);
        command.Parameters.AddWithValue("workout", workoutId);
        command.Parameters.AddWithValue("user", UserId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new WorkoutExerciseRef(workoutExerciseId, workoutId, reader.GetGuid(0), reader.GetString(1), reader.GetString(2))
            : null;
    }

    private static async Task<StoredSet?> StoredSetAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid setId)
    {
        // Any person's set: a client id clashing with someone else's set is refused, never overwritten.
        await using var command = new NpgsqlCommand(
            $"""
            select user_id, workout_id, workout_exercise_id, {SetMeasures.Columns}, rir, notes
            from workout_sets where id = @id
            """, connection, transaction);
        command.Parameters.AddWithValue("id", setId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var content = new SetContent(SetMeasures.Read(reader, 3), reader.Nullable<int>(10), reader.NullableString(11));
        return new StoredSet(setId, reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), content);
    }

    private sealed record WorkoutExerciseRef(Guid Id, Guid WorkoutId, Guid ExerciseId, string Kind, string ExerciseName);

    private sealed record LogTarget(string Status, WorkoutExerciseRef? Target, StoredSet? Stored);

    private sealed record StoredSet(Guid Id, Guid UserId, Guid WorkoutId, Guid WorkoutExerciseId, SetContent Content);
}
