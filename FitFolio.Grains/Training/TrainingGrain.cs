using FitFolio.Grains.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// The per-person writer of the training log. Why a grain, and why it holds no state:
/// record detection compares a set with every set of the exercise before it, so two writes of one
/// person racing (a retry and the original, two tabs, an offline queue flushing) could both see the
/// old best and both claim the record, or insert one set twice. The grain's turn-based execution
/// serialises one person's writes without locks or serialisable transactions. What it could cache
/// (the workout in progress, current bests) is cheap to read from SQL inside the write's own
/// transaction and would have to be reloaded anyway when two activations briefly coexist during a
/// membership change; so PostgreSQL stays the only state, and the database constraints (the set's
/// primary key is the client's id, one in-progress workout per person, one import per key) keep the
/// data right even in that window. History, charts and progress are queries, straight from SQL.
/// </summary>
[PersonGrainPlacement]
[GrainType("training")]
internal sealed partial class TrainingGrain(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<TrainingGrain> logger) : Grain, ITrainingGrain
{
    private static readonly TimeSpan FutureSlack = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Earliest = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private Guid UserId => Guid.ParseExact(this.GetPrimaryKeyString(), "N");

    public async Task<TrainingOutcome<WorkoutView>> StartWorkout(StartWorkoutCommand command)
    {
        var now = clock.GetUtcNow();
        var startedAt = command.StartedAt ?? now;
        if ((TimeError(startedAt, "startedAt", now) ?? TextRules.Notes(command.Notes, "notes")) is { } error)
        {
            return error;
        }

        if (command.Name is not null && TextRules.Name(command.Name, "name") is { } nameError)
        {
            return nameError;
        }

        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await TrainingIdempotency.ClaimAsync(connection, transaction) is { } running)
        {
            return running;
        }

        if (await InProgressAsync(connection, transaction) is { } active)
        {
            return InProgressConflict(active);
        }

        ProgramView? program = null;
        ProgramDayView? day = null;
        if (command.ProgramDayId is { } dayId)
        {
            await using var find = new NpgsqlCommand("select program_id from program_days where id = @id and user_id = @user", connection, transaction);
            find.Parameters.AddWithValue("id", dayId);
            find.Parameters.AddWithValue("user", UserId);
            if (await find.ExecuteScalarAsync() is Guid programId)
            {
                program = await ProgramStore.ReadAsync(connection, transaction, UserId, programId, default);
                day = program?.Days.FirstOrDefault(d => d.Id == dayId);
            }

            if (day is null)
            {
                return new TrainingError(TrainingFailure.Invalid, "unknown_program_day", "You have no program day with that id.", "programDayId");
            }
        }

        var workoutId = Guid.CreateVersion7(now);
        await using (var insert = new NpgsqlCommand(
            """
            insert into workouts (id, user_id, name, notes, status, program_id, program_day_id, started_at)
            values (@id, @user, @name, @notes, 'in_progress', @program, @day, @started)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", workoutId);
            insert.Parameters.AddWithValue("user", UserId);
            insert.Parameters.AddWithValue("name", NpgsqlDbType.Text, command.Name?.Trim() ?? day?.Name ?? "Workout");
            insert.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(command.Notes) ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("program", NpgsqlDbType.Uuid, program?.Id ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("day", NpgsqlDbType.Uuid, day?.Id ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("started", NpgsqlDbType.TimestampTz, startedAt);
            try
            {
                await insert.ExecuteNonQueryAsync();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Only possible while two activations coexist: the other one started a workout first.
                return InProgressConflict(null);
            }
        }

        foreach (var exercise in day?.Exercises ?? [])
        {
            await using var add = new NpgsqlCommand(
                """
                insert into workout_exercises (id, workout_id, user_id, position, exercise_id, superset_group, notes, has_target, target_sets,
                                               reps_min, reps_max, target_weight, weight_unit, target_rpe, target_rir, rest_seconds)
                values (@id, @workout, @user, @position, @exercise, @superset, @notes, true, @sets, @min, @max, @weight, @unit, @rpe, @rir, @rest)
                """, connection, transaction);
            add.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
            add.Parameters.AddWithValue("workout", workoutId);
            add.Parameters.AddWithValue("user", UserId);
            add.Parameters.AddWithValue("position", NpgsqlDbType.Integer, exercise.Position);
            add.Parameters.AddWithValue("exercise", exercise.ExerciseId);
            add.Parameters.AddWithValue("superset", NpgsqlDbType.Integer, exercise.SupersetGroup ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("notes", NpgsqlDbType.Text, exercise.Notes ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("sets", NpgsqlDbType.Integer, exercise.TargetSets ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("min", NpgsqlDbType.Integer, exercise.RepsMin ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("max", NpgsqlDbType.Integer, exercise.RepsMax ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("weight", NpgsqlDbType.Numeric, exercise.TargetWeight ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("unit", NpgsqlDbType.Text, exercise.WeightUnit ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("rpe", NpgsqlDbType.Numeric, exercise.TargetRpe ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("rir", NpgsqlDbType.Integer, exercise.TargetRir ?? (object)DBNull.Value);
            add.Parameters.AddWithValue("rest", NpgsqlDbType.Integer, exercise.RestSeconds ?? (object)DBNull.Value);
            await add.ExecuteNonQueryAsync();
        }

        var view = await WorkoutReader.ReadAsync(connection, transaction, UserId, workoutId, default);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<WorkoutView>.Ok(view!, created: true));
    }

    public async Task<TrainingOutcome<WorkoutView>> UpdateWorkout(Guid workoutId, WorkoutPatch patch, long? expectedVersion = null)
    {
        if (patch.Name is not null && TextRules.Name(patch.Name, "name") is { } nameError)
        {
            return nameError;
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

        if (await LockWorkoutAsync(connection, transaction, workoutId) is not { } workout)
        {
            return TrainingError.NotFound("workout");
        }

        if (!ExpectedVersion.Allows(expectedVersion, workout.Version))
        {
            return TrainingError.Stale("workout", workout.Version);
        }

        var now = clock.GetUtcNow();
        var startedAt = patch.StartedAt ?? workout.StartedAt;
        var endedAt = patch.EndedAt ?? workout.EndedAt;
        if (patch.StartedAt is { } s && TimeError(s, "startedAt", now) is { } startError)
        {
            return startError;
        }

        if (patch.EndedAt is not null && workout.Status == WorkoutStatus.InProgress)
        {
            return TrainingError.Validation("endedAt", "A workout in progress ends when it is finished.");
        }

        if (endedAt is { } e && (e < startedAt || e > now + FutureSlack))
        {
            return TrainingError.Validation("endedAt", "endedAt must be after startedAt and not in the future.");
        }

        await using (var update = new NpgsqlCommand(
            $"""
            update workouts set name = coalesce(@name, name), notes = case when @notes_given then @notes else notes end,
                                started_at = @started, ended_at = @ended, version = version + 1
            where id = @id and user_id = @user and {ExpectedVersion.Guard}
            """, connection, transaction))
        {
            update.Parameters.AddWithValue("id", workoutId);
            update.Parameters.AddWithValue("user", UserId);
            update.Parameters.AddWithValue("name", NpgsqlDbType.Text, patch.Name?.Trim() ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("notes_given", NpgsqlDbType.Boolean, patch.Notes is not null);
            update.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(patch.Notes) ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("started", NpgsqlDbType.TimestampTz, startedAt);
            update.Parameters.AddWithValue("ended", NpgsqlDbType.TimestampTz, endedAt ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
            if (await update.ExecuteNonQueryAsync() == 0)
            {
                // The row is locked above, so only a second activation's write in the same window gets here.
                return TrainingError.Stale("workout", null);
            }
        }

        if (startedAt != workout.StartedAt)
        {
            // The order of history changed, and with it which set came first.
            await RecordKeeper.RemarkAsync(connection, transaction, UserId, await ExercisesOfAsync(connection, transaction, workoutId), default);
        }

        return await CommitWithViewAsync(connection, transaction, workoutId);
    }

    public async Task<TrainingOutcome<WorkoutView>> FinishWorkout(Guid workoutId, DateTimeOffset? endedAt) =>
        await EndAsync(workoutId, WorkoutStatus.Finished, endedAt);

    public async Task<TrainingOutcome<WorkoutView>> AbandonWorkout(Guid workoutId) =>
        await EndAsync(workoutId, WorkoutStatus.Abandoned, null);

    public async Task<TrainingOutcome<bool>> DeleteWorkout(Guid workoutId, long? expectedVersion = null)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await TrainingIdempotency.ClaimAsync(connection, transaction) is { } running)
        {
            return running;
        }

        if (await LockWorkoutAsync(connection, transaction, workoutId) is not { } workout)
        {
            return TrainingError.NotFound("workout");
        }

        if (!ExpectedVersion.Allows(expectedVersion, workout.Version))
        {
            return TrainingError.Stale("workout", workout.Version);
        }

        var exercises = await ExercisesOfAsync(connection, transaction, workoutId);
        await using (var delete = new NpgsqlCommand("delete from workouts where id = @id and user_id = @user", connection, transaction))
        {
            delete.Parameters.AddWithValue("id", workoutId);
            delete.Parameters.AddWithValue("user", UserId);
            await delete.ExecuteNonQueryAsync();
        }

        await RecordKeeper.RemarkAsync(connection, transaction, UserId, exercises, default);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<bool>.Ok(true));
    }

    private async Task<TrainingOutcome<WorkoutView>> EndAsync(Guid workoutId, string status, DateTimeOffset? endedAt)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await TrainingIdempotency.ClaimAsync(connection, transaction) is { } running)
        {
            return running;
        }

        if (await LockWorkoutAsync(connection, transaction, workoutId) is not { } workout)
        {
            return TrainingError.NotFound("workout");
        }

        if (workout.Status != WorkoutStatus.InProgress)
        {
            return TrainingError.Conflict("workout_not_in_progress", $"This workout is {workout.Status.Replace('_', ' ')}, not in progress.");
        }

        var now = clock.GetUtcNow();
        var end = endedAt ?? (now < workout.StartedAt ? workout.StartedAt : now);
        if (end < workout.StartedAt || end > now + FutureSlack)
        {
            return TrainingError.Validation("endedAt", "endedAt must be after the start and not in the future.");
        }

        await using (var update = new NpgsqlCommand(
            "update workouts set status = @status, ended_at = @ended, version = version + 1 where id = @id and user_id = @user", connection, transaction))
        {
            update.Parameters.AddWithValue("id", workoutId);
            update.Parameters.AddWithValue("user", UserId);
            update.Parameters.AddWithValue("status", NpgsqlDbType.Text, status);
            update.Parameters.AddWithValue("ended", NpgsqlDbType.TimestampTz, end);
            await update.ExecuteNonQueryAsync();
        }

        if (status == WorkoutStatus.Abandoned)
        {
            await RecordKeeper.RemarkAsync(connection, transaction, UserId, await ExercisesOfAsync(connection, transaction, workoutId), default);
        }

        return await CommitWithViewAsync(connection, transaction, workoutId);
    }

    private async Task<TrainingOutcome<WorkoutView>> CommitWithViewAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId)
    {
        var view = await WorkoutReader.ReadAsync(connection, transaction, UserId, workoutId, default);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<WorkoutView>.Ok(view!));
    }

    private static TrainingError? TimeError(DateTimeOffset time, string field, DateTimeOffset now) =>
        time < Earliest || time > now + FutureSlack ? TrainingError.Validation(field, $"{field} must be after 1990 and not in the future.") : null;

    private static TrainingError InProgressConflict(Guid? active) => TrainingError.Conflict(
        "workout_in_progress",
        active is { } id ? $"Workout {id} is in progress; finish or abandon it first." : "Another workout is in progress; finish or abandon it first.");

    private async Task<Guid?> InProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand("select id from workouts where user_id = @user and status = 'in_progress'", connection, transaction);
        command.Parameters.AddWithValue("user", UserId);
        return await command.ExecuteScalarAsync() as Guid?;
    }

    private async Task<LockedWorkout?> LockWorkoutAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId)
    {
        await using var command = new NpgsqlCommand(
            "select status, started_at, ended_at, version from workouts where id = @id and user_id = @user for update", connection, transaction);
        command.Parameters.AddWithValue("id", workoutId);
        command.Parameters.AddWithValue("user", UserId);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new LockedWorkout(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.Nullable<DateTimeOffset>(2), reader.GetInt64(3))
            : null;
    }

    private async Task<Guid[]> ExercisesOfAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid workoutId)
    {
        await using var command = new NpgsqlCommand(
            "select distinct exercise_id from workout_sets where workout_id = @id and user_id = @user", connection, transaction);
        command.Parameters.AddWithValue("id", workoutId);
        command.Parameters.AddWithValue("user", UserId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return [.. ids];
    }

    private sealed record LockedWorkout(string Status, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, long Version);
}
