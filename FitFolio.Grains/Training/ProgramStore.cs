using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// Programs, their days and exercises, straight from SQL. A program is a plan: writing one never
/// touches logged sets or records, so it needs no grain; each change is one transaction.
/// </summary>
public sealed class ProgramStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IReadOnlyList<ProgramSummary>> ListAsync(Guid userId, bool? archived, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select p.id, p.name, p.archived_at is not null, (select count(*) from program_days d where d.program_id = p.id)::int, p.updated_at, p.version
            from programs p
            where p.user_id = @user and (@archived is null or (p.archived_at is not null) = @archived)
            order by p.updated_at desc, p.id
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("archived", NpgsqlDbType.Boolean, archived ?? (object)DBNull.Value);
        var list = new List<ProgramSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(
                new ProgramSummary(reader.GetGuid(0), reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4),
                    reader.GetInt64(5)));
        }

        return list;
    }

    public async Task<ProgramView?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, null, userId, id, cancellationToken);
    }

    public async Task<TrainingOutcome<ProgramView>> CreateAsync(Guid userId, ProgramDraft draft, CancellationToken cancellationToken)
    {
        if (ProgramDraftValidator.Validate(draft) is { } error)
        {
            return error;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await TrainingIdempotency.ClaimAsync(connection, transaction, cancellationToken) is { } running)
        {
            return running;
        }

        if (await CheckExercisesAsync(connection, transaction, userId, draft, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        await using (var insert = new NpgsqlCommand(
            "insert into programs (id, user_id, name, notes, created_at, updated_at) values (@id, @user, @name, @notes, @now, @now)", connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("user", userId);
            insert.Parameters.AddWithValue("name", NpgsqlDbType.Text, draft.Name!.Trim());
            insert.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(draft.Notes) ?? (object)DBNull.Value);
            insert.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertDaysAsync(connection, transaction, userId, id, draft.Days ?? [], cancellationToken);
        var view = await ReadAsync(connection, transaction, userId, id, cancellationToken);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<ProgramView>.Ok(view!, created: true), cancellationToken);
    }

    /// <summary>
    /// Replaces a program's fields, days and exercises. With <paramref name="expectedVersion"/> (If-Match, see
    /// <see cref="ExpectedVersion"/>) only from that version: the row lock serialises two replaces of one program, and
    /// the update's own guard keeps a stale one from writing.
    /// </summary>
    public async Task<TrainingOutcome<ProgramView>> ReplaceAsync(
        Guid userId, Guid id, ProgramDraft draft, long? expectedVersion, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await TrainingIdempotency.ClaimAsync(connection, transaction, cancellationToken) is { } running)
        {
            return running;
        }

        if (await LockAsync(connection, transaction, userId, id, cancellationToken) is not { } version)
        {
            return TrainingError.NotFound("program");
        }

        if (!ExpectedVersion.Allows(expectedVersion, version))
        {
            return TrainingError.Stale("program", version);
        }

        if (ProgramDraftValidator.Validate(draft) is { } error)
        {
            return error;
        }

        if (await CheckExercisesAsync(connection, transaction, userId, draft, cancellationToken) is { } unknown)
        {
            return unknown;
        }

        await using (var update = new NpgsqlCommand(
            $"update programs set name = @name, notes = @notes, updated_at = @now, version = version + 1 where id = @id and {ExpectedVersion.Guard}",
            connection,
            transaction))
        {
            update.Parameters.AddWithValue("id", id);
            update.Parameters.AddWithValue("name", NpgsqlDbType.Text, draft.Name!.Trim());
            update.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(draft.Notes) ?? (object)DBNull.Value);
            update.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
            update.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
            if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return TrainingError.Stale("program", null);
            }
        }

        await using (var clear = new NpgsqlCommand("delete from program_days where program_id = @id", connection, transaction))
        {
            clear.Parameters.AddWithValue("id", id);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertDaysAsync(connection, transaction, userId, id, draft.Days ?? [], cancellationToken);
        var view = await ReadAsync(connection, transaction, userId, id, cancellationToken);
        return await TrainingIdempotency.CommitAsync(connection, transaction, TrainingOutcome<ProgramView>.Ok(view!), cancellationToken);
    }

    public async Task<TrainingOutcome<ProgramView>> CopyAsync(Guid userId, Guid id, string? name, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, id, cancellationToken) is not { } source)
        {
            return TrainingError.NotFound("program");
        }

        var copyName = name is null ? Truncate($"{source.Name} (copy)") : name;
        var draft = new ProgramDraft(copyName, source.Notes, [.. source.Days.Select(d => new ProgramDayDraft(d.Name, [.. d.Exercises.Select(e =>
            new ProgramExerciseDraft(
                e.ExerciseId,
                e.SupersetGroup,
                e.TargetSets,
                e.RepsMin,
                e.RepsMax,
                e.TargetWeight,
                e.WeightUnit,
                e.TargetRpe,
                e.TargetRir,
                e.RestSeconds,
                e.Notes))]))]);
        return await CreateAsync(userId, draft, cancellationToken);
    }

    public async Task<TrainingOutcome<ProgramView>> SetArchivedAsync(Guid userId, Guid id, bool archived, CancellationToken cancellationToken)
    {
        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        await using var command = write.Command(
            """
            update programs set archived_at = case when @archived then coalesce(archived_at, @now) end, updated_at = @now, version = version + 1
            where id = @id and user_id = @user
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("archived", NpgsqlDbType.Boolean, archived);
        command.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
        if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
        {
            return TrainingError.NotFound("program");
        }

        var view = await ReadAsync(write.Connection, write.Transaction, userId, id, cancellationToken);
        return await write.CommitAsync(TrainingOutcome<ProgramView>.Ok(view!), cancellationToken);
    }

    /// <summary>Deletes a program; with <paramref name="expectedVersion"/> (If-Match) only at that version.</summary>
    public async Task<TrainingOutcome<bool>> DeleteAsync(Guid userId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        await using var command = write.Command(ExpectedVersion.DeleteSql("programs", "id = @id and user_id = @user"));
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
        var outcome = await ExpectedVersion.DeleteAsync(command, "program", cancellationToken);
        return outcome.Error is null ? await write.CommitAsync(outcome, cancellationToken) : outcome;
    }

    /// <summary>Reads a program with its days and exercises; null when it is not this person's.</summary>
    internal static async Task<ProgramView?> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select p.id, p.name, p.notes, p.archived_at is not null, p.created_at, p.updated_at, p.version
            from programs p where p.id = @id and p.user_id = @user;
            select d.id, d.position, d.name from program_days d where d.program_id = @id order by d.position;
            select pe.day_id, pe.id, pe.position, pe.exercise_id, e.name, pe.superset_group, pe.target_sets, pe.reps_min, pe.reps_max,
                   pe.target_weight, pe.weight_unit, pe.target_rpe, pe.target_rir, pe.rest_seconds, pe.notes
            from program_exercises pe join program_days d on d.id = pe.day_id join exercises e on e.id = pe.exercise_id
            where d.program_id = @id order by pe.position;
            """, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var (name, notes, archived, created, updated) = (reader.GetString(1), reader.NullableString(2), reader.GetBoolean(3),
            reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5));
        var version = reader.GetInt64(6);
        await reader.NextResultAsync(cancellationToken);
        var days = new List<(Guid Id, int Position, string Name)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add((reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2)));
        }

        await reader.NextResultAsync(cancellationToken);
        var exercises = new List<(Guid Day, ProgramExerciseView View)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            exercises.Add((reader.GetGuid(0), new ProgramExerciseView(
                reader.GetGuid(1), reader.GetInt32(2), reader.GetGuid(3), reader.GetString(4), reader.Nullable<int>(5), reader.Nullable<int>(6),
                reader.Nullable<int>(7), reader.Nullable<int>(8), reader.Nullable<decimal>(9), reader.NullableString(10), reader.Nullable<decimal>(11),
                reader.Nullable<int>(12), reader.Nullable<int>(13), reader.NullableString(14))));
        }

        return new ProgramView(id, name, notes, archived, created, updated,
            [.. days.Select(d => new ProgramDayView(d.Id, d.Position, d.Name, [.. exercises.Where(e => e.Day == d.Id).Select(e => e.View)]))], version);
    }

    private static string Truncate(string name) => name.Length <= TextRules.MaxNameLength ? name : name[..TextRules.MaxNameLength];

    /// <summary>Locks the program for this transaction; answers its version, or null when it is not this person's.</summary>
    private static async Task<long?> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select version from programs where id = @id and user_id = @user for update", connection, transaction);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }

    private static async Task<TrainingError?> CheckExercisesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, ProgramDraft draft, CancellationToken cancellationToken)
    {
        var wanted = (draft.Days ?? []).SelectMany(d => d.Exercises ?? []).Select(e => e.ExerciseId!.Value).Distinct().ToArray();
        var known = await TrainingSql.KnownExercisesAsync(connection, transaction, userId, wanted, cancellationToken);
        var days = draft.Days ?? [];
        for (var d = 0; d < days.Count; d++)
        {
            var exercises = days[d].Exercises ?? [];
            for (var e = 0; e < exercises.Count; e++)
            {
                if (!known.ContainsKey(exercises[e].ExerciseId!.Value))
                {
                    return TrainingError.UnknownExercise($"days[{d}].exercises[{e}].exerciseId");
                }
            }
        }

        return null;
    }

    private async Task InsertDaysAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Guid userId,
        Guid programId,
        IReadOnlyList<ProgramDayDraft> days,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        for (var d = 0; d < days.Count; d++)
        {
            var dayId = Guid.CreateVersion7(now);
            await using (var day = new NpgsqlCommand(
                "insert into program_days (id, program_id, user_id, position, name) values (@id, @program, @user, @position, @name)", connection, transaction))
            {
                day.Parameters.AddWithValue("id", dayId);
                day.Parameters.AddWithValue("program", programId);
                day.Parameters.AddWithValue("user", userId);
                day.Parameters.AddWithValue("position", NpgsqlDbType.Integer, d + 1);
                day.Parameters.AddWithValue("name", NpgsqlDbType.Text, days[d].Name!.Trim());
                await day.ExecuteNonQueryAsync(cancellationToken);
            }

            var exercises = days[d].Exercises ?? [];
            for (var e = 0; e < exercises.Count; e++)
            {
                var x = exercises[e];
                await using var insert = new NpgsqlCommand(
                    """
                    insert into program_exercises (id, day_id, user_id, position, exercise_id, superset_group, target_sets, reps_min, reps_max,
                                                   target_weight, weight_unit, target_rpe, target_rir, rest_seconds, notes)
                    values (@id, @day, @user, @position, @exercise, @superset, @sets, @min, @max, @weight, @unit, @rpe, @rir, @rest, @notes)
                    """, connection, transaction);
                insert.Parameters.AddWithValue("id", Guid.CreateVersion7(now));
                insert.Parameters.AddWithValue("day", dayId);
                insert.Parameters.AddWithValue("user", userId);
                insert.Parameters.AddWithValue("position", NpgsqlDbType.Integer, e + 1);
                insert.Parameters.AddWithValue("exercise", x.ExerciseId!.Value);
                insert.Parameters.AddWithValue("superset", NpgsqlDbType.Integer, x.SupersetGroup ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("sets", NpgsqlDbType.Integer, x.TargetSets ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("min", NpgsqlDbType.Integer, x.RepsMin ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("max", NpgsqlDbType.Integer, x.RepsMax ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("weight", NpgsqlDbType.Numeric, x.TargetWeight ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("unit", NpgsqlDbType.Text, (x.TargetWeight is null ? null : x.WeightUnit) ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("rpe", NpgsqlDbType.Numeric, x.TargetRpe ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("rir", NpgsqlDbType.Integer, x.TargetRir ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("rest", NpgsqlDbType.Integer, x.RestSeconds ?? (object)DBNull.Value);
                insert.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(x.Notes) ?? (object)DBNull.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }
}
