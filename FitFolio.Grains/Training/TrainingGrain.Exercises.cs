using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

internal sealed partial class TrainingGrain
{
    private const int MaxExercisesPerWorkout = 50;

    public async Task<TrainingOutcome<WorkoutExerciseView>> AddExercise(Guid workoutId, AddExerciseCommand command)
    {
        if (command.ExerciseId is not { } exerciseId)
        {
            return TrainingError.Validation("exerciseId", "exerciseId is required.");
        }

        if (command.SupersetGroup is < 1 or > TargetRules.MaxSupersetGroup)
        {
            return TrainingError.Validation("supersetGroup", $"supersetGroup is 1 to {TargetRules.MaxSupersetGroup}.");
        }

        if (TextRules.Notes(command.Notes, "notes") is { } notesError)
        {
            return notesError;
        }

        if (command.Id == Guid.Empty)
        {
            return TrainingError.Validation("id", "id, when given, is a UUID the client generates (not the nil UUID).");
        }

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

        var request = AddRequest.Of(command);
        if (command.Id is { } clientId && await StoredAddAsync(connection, transaction, clientId) is { } stored)
        {
            // Before the position and size checks: the retry's position was valid when first sent.
            return stored.UserId == UserId && stored.WorkoutId == workoutId && stored.Request == request.ToText()
                ? await CommitWithExerciseAsync(connection, transaction, workoutId, clientId, created: false)
                : ExerciseConflict();
        }

        if ((await TrainingSql.KnownExercisesAsync(connection, transaction, UserId, [exerciseId], default)).Count == 0)
        {
            return TrainingError.UnknownExercise("exerciseId");
        }

        var count = await CountExercisesAsync(connection, transaction, workoutId);
        if (count >= MaxExercisesPerWorkout)
        {
            return TrainingError.Validation("exerciseId", $"A workout has at most {MaxExercisesPerWorkout} exercises.");
        }

        var position = command.Position ?? count + 1;
        if (position < 1 || position > count + 1)
        {
            return TrainingError.Validation("position", $"position is 1 to {count + 1}.");
        }

        var id = command.Id ?? Guid.CreateVersion7(clock.GetUtcNow());
        await using (var insert = new NpgsqlCommand(
            """
            update workout_exercises set position = position + 1 where workout_id = @workout and position >= @position;
            insert into workout_exercises (id, workout_id, user_id, position, exercise_id, superset_group, notes, add_request)
            values (@id, @workout, @user, @position, @exercise, @superset, @notes, @request)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("workout", workoutId);
            insert.Parameters.AddWithValue("user", UserId);
            insert.Parameters.AddWithValue("position", NpgsqlDbType.Integer, position);
            insert.Parameters.AddWithValue("exercise", exerciseId);
            insert.Parameters.AddWithValue("superset", NpgsqlDbType.Integer, command.SupersetGroup ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(command.Notes) ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("request", NpgsqlDbType.Text, (command.Id is null ? null : request.ToText()) ?? (object)DBNull.Value);
            try
            {
                await insert.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another activation of this grain stored it a moment ago (only during a membership change);
                // the transaction is spoiled, so the client's retry gets the stored exercise.
                return TrainingError.Conflict("exercise_conflict", "An exercise with this id was just added; retry to get it.");
            }
        }

        return await CommitWithExerciseAsync(connection, transaction, workoutId, id, created: true);
    }

    public async Task<TrainingOutcome<WorkoutExerciseView>> UpdateExercise(Guid workoutId, Guid workoutExerciseId, WorkoutExercisePatch patch)
    {
        if (patch.SupersetGroup is < 0 or > TargetRules.MaxSupersetGroup)
        {
            return TrainingError.Validation("supersetGroup", $"supersetGroup is 1 to {TargetRules.MaxSupersetGroup}, or 0 to clear it.");
        }

        if (TextRules.Notes(patch.Notes, "notes") is { } notesError)
        {
            return notesError;
        }

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

        await using (var update = new NpgsqlCommand(
            """
            update workout_exercises set skipped = coalesce(@skipped, skipped),
                   notes = case when @notes_given then @notes else notes end,
                   superset_group = case when @superset is null then superset_group when @superset = 0 then null else @superset end
            where id = @id and workout_id = @workout and user_id = @user
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", workoutExerciseId);
            update.Parameters.AddWithValue("workout", workoutId);
            update.Parameters.AddWithValue("user", UserId);
            update.Parameters.AddWithValue("skipped", NpgsqlDbType.Boolean, patch.Skipped ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("notes_given", NpgsqlDbType.Boolean, patch.Notes is not null);
            update.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(patch.Notes) ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("superset", NpgsqlDbType.Integer, patch.SupersetGroup ?? (object)DBNull.Value);
            if (await update.ExecuteNonQueryAsync() == 0)
            {
                return TrainingError.NotFound("exercise in this workout");
            }
        }

        return await CommitWithExerciseAsync(connection, transaction, workoutId, workoutExerciseId, created: false);
    }

    public async Task<TrainingOutcome<WorkoutExerciseView>> SwapExercise(Guid workoutId, Guid workoutExerciseId, Guid? exerciseId)
    {
        if (exerciseId is null)
        {
            return TrainingError.Validation("exerciseId", "exerciseId is required.");
        }

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

        await using (var check = new NpgsqlCommand(
            "select exists (select 1 from workout_sets s where s.workout_exercise_id = we.id) from workout_exercises we where we.id = @id and we.workout_id = @workout and we.user_id = @user",
            connection, transaction))
        {
            check.Parameters.AddWithValue("id", workoutExerciseId);
            check.Parameters.AddWithValue("workout", workoutId);
            check.Parameters.AddWithValue("user", UserId);
            switch (await check.ExecuteScalarAsync())
            {
                case null:
                    return TrainingError.NotFound("exercise in this workout");
                case true:
                    return TrainingError.Conflict(
                        "exercise_has_sets", "Sets are logged for this exercise; add the other exercise instead, or delete the sets first.");
            }
        }

        if ((await TrainingSql.KnownExercisesAsync(connection, transaction, UserId, [exerciseId.Value], default)).Count == 0)
        {
            return TrainingError.UnknownExercise("exerciseId");
        }

        await using (var update = new NpgsqlCommand(
            "update workout_exercises set exercise_id = @exercise where id = @id and user_id = @user", connection, transaction))
        {
            update.Parameters.AddWithValue("id", workoutExerciseId);
            update.Parameters.AddWithValue("user", UserId);
            update.Parameters.AddWithValue("exercise", exerciseId.Value);
            await update.ExecuteNonQueryAsync();
        }

        return await CommitWithExerciseAsync(connection, transaction, workoutId, workoutExerciseId, created: false);
    }

    public async Task<TrainingOutcome<WorkoutView>> ReorderExercises(Guid workoutId, IReadOnlyList<Guid>? order)
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

        var current = new List<Guid>();
        await using (var list = new NpgsqlCommand("select id from workout_exercises where workout_id = @workout and user_id = @user", connection, transaction))
        {
            list.Parameters.AddWithValue("workout", workoutId);
            list.Parameters.AddWithValue("user", UserId);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                current.Add(reader.GetGuid(0));
            }
        }

        if (order is null || order.Count != current.Count || order.Distinct().Count() != order.Count || !order.All(current.Contains))
        {
            return TrainingError.Validation("order", "order must list every exercise of the workout exactly once.");
        }

        await using (var update = new NpgsqlCommand(
            "update workout_exercises we set position = v.position from unnest(@ids) with ordinality as v (id, position) where we.id = v.id and we.user_id = @user",
            connection, transaction))
        {
            update.Parameters.AddWithValue("ids", order.ToArray());
            update.Parameters.AddWithValue("user", UserId);
            await update.ExecuteNonQueryAsync();
        }

        if (current.Count > 0)
        {
            await RecordKeeper.RemarkAsync(connection, transaction, UserId, await ExercisesOfAsync(connection, transaction, workoutId), default);
        }

        return await CommitWithViewAsync(connection, transaction, workoutId);
    }

    public Task<TrainingOutcome<bool>> RemoveExercise(Guid workoutId, Guid workoutExerciseId) =>
        DeleteFromWorkoutAsync(
            workoutId,
            "workout_exercises",
            workoutExerciseId,
            "exercise in this workout",
            (connection, transaction) => RenumberAsync(connection, transaction, workoutId));

    /// <summary>
    /// Deletes one row of a writable workout (an exercise with its sets, or a set), then runs <paramref name="afterDelete"/>
    /// and re-evaluates the records of the exercise the row held, in one transaction. The table is a constant of the caller's.
    /// </summary>
    private async Task<TrainingOutcome<bool>> DeleteFromWorkoutAsync(
        Guid workoutId, string table, Guid id, string what, Func<NpgsqlConnection, NpgsqlTransaction, Task>? afterDelete)
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

        Guid exerciseId;
        await using (var delete = new NpgsqlCommand(
            $"delete from {table} where id = @id and workout_id = @workout and user_id = @user returning exercise_id", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", id);
            delete.Parameters.AddWithValue("workout", workoutId);
            delete.Parameters.AddWithValue("user", UserId);
            if (await delete.ExecuteScalarAsync() is not Guid deleted)
            {
                return TrainingError.NotFound(what);
            }

            exerciseId = deleted;
        }

        if (afterDelete is not null)
        {
            await afterDelete(connection, transaction);
        }

        await RecordKeeper.RemarkAsync(connection, transaction, UserId, [exerciseId], default);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<bool>.Ok(true));
    }

    /// <summary>Locks the workout; refuses when it is not this person's or was abandoned.</summary>
    private async Task<TrainingError?> WritableWorkoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId) =>
        WritableRefusal((await LockWorkoutAsync(connection, transaction, workoutId))?.Status);

    /// <summary>Why a workout of this status (null: not this person's) takes no change, or null when it takes one.</summary>
    private static TrainingError? WritableRefusal(string? status) => status switch
    {
        null => TrainingError.NotFound("workout"),
        WorkoutStatus.Abandoned => TrainingError.Conflict("workout_abandoned", "This workout was abandoned; it can only be deleted."),
        _ => null,
    };

    private async Task<int> CountExercisesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId)
    {
        await using var count = new NpgsqlCommand("select count(*)::int from workout_exercises where workout_id = @workout", connection, transaction);
        count.Parameters.AddWithValue("workout", workoutId);
        return (int)(await count.ExecuteScalarAsync())!;
    }

    private static async Task RenumberAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId)
    {
        await using var renumber = new NpgsqlCommand(
            """
            update workout_exercises we set position = v.rn
            from (select id, row_number() over (order by position, id)::int as rn from workout_exercises where workout_id = @workout) v
            where we.id = v.id and we.position <> v.rn
            """, connection, transaction);
        renumber.Parameters.AddWithValue("workout", workoutId);
        await renumber.ExecuteNonQueryAsync();
    }

    private async Task<TrainingOutcome<WorkoutExerciseView>> CommitWithExerciseAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId, Guid workoutExerciseId, bool created)
    {
        var view = await WorkoutReader.ReadAsync(connection, transaction, UserId, workoutId, default);
        return await TrainingIdempotency.CommitAsync(
            connection, transaction, TrainingOutcome<WorkoutExerciseView>.Ok(view!.Exercises.Single(e => e.Id == workoutExerciseId), created));
    }
}
