using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// The built-in catalog plus each person's custom exercises, straight from SQL. Custom exercises
/// are independent of workout writes (nothing about records depends on them), so they need no grain.
/// </summary>
public sealed class ExerciseCatalog(NpgsqlDataSource dataSource, TimeProvider clock)
{
    internal const string Columns = "e.id, e.slug, e.name, e.category, e.primary_muscles, e.secondary_muscles, e.equipment, e.kind, e.version";

    public async Task<IReadOnlyList<Exercise>> ListAsync(Guid userId, ExerciseFilter filter, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {Columns} from exercises e
            where (e.user_id is null or e.user_id = @user)
              and (@query is null or strpos(lower(e.name), @query) > 0)
              and (@category is null or e.category = @category)
              and (@muscle is null or @muscle = any(e.primary_muscles) or @muscle = any(e.secondary_muscles))
              and (@equipment is null or e.equipment = @equipment)
              and (@kind is null or e.kind = @kind)
              and (@custom is null or (e.user_id is not null) = @custom)
            order by lower(e.name), e.id
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue(
            "query", NpgsqlDbType.Text, (string.IsNullOrWhiteSpace(filter.Query) ? null : filter.Query.Trim().ToLowerInvariant()) ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("category", NpgsqlDbType.Text, filter.Category ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("muscle", NpgsqlDbType.Text, filter.Muscle ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("equipment", NpgsqlDbType.Text, filter.Equipment ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Text, filter.Kind ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("custom", NpgsqlDbType.Boolean, filter.Custom ?? (object)DBNull.Value);
        return await ReadAllAsync(command, cancellationToken);
    }

    public async Task<Exercise?> GetAsync(Guid userId, Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"select {Columns} from exercises e where e.id = @id and (e.user_id is null or e.user_id = @user)");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        return (await ReadAllAsync(command, cancellationToken)).FirstOrDefault();
    }

    /// <summary>Every exercise this person can use (the catalog and their own), for matching imported names.</summary>
    public Task<IReadOnlyList<Exercise>> AllForAsync(Guid userId, CancellationToken cancellationToken) =>
        ListAsync(userId, new ExerciseFilter(null, null, null, null, null, null), cancellationToken);

    public async Task<TrainingOutcome<Exercise>> CreateAsync(Guid userId, ExerciseDraft draft, CancellationToken cancellationToken)
    {
        if (ExerciseDraftValidator.Validate(draft) is { } error)
        {
            return error;
        }

        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        await using var command = write.Command(
            $"""
            insert into exercises as e (id, user_id, name, category, primary_muscles, secondary_muscles, equipment, kind, created_at)
            values (@id, @user, @name, @category, @primary, @secondary, @equipment, @kind, @now)
            on conflict do nothing
            returning {Columns}
            """);
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        Bind(command, draft);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, clock.GetUtcNow());
        return (await ReadAllAsync(command, cancellationToken)).FirstOrDefault() is { } created
            ? await write.CommitAsync(TrainingOutcome<Exercise>.Ok(created, created: true), cancellationToken)
            : DuplicateName;
    }

    /// <summary>Changes a custom exercise; with <paramref name="expectedVersion"/> (If-Match, <see cref="ExpectedVersion"/>) only from that version.</summary>
    public async Task<TrainingOutcome<Exercise>> UpdateAsync(
        Guid userId, Guid id, ExerciseDraft draft, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, id, cancellationToken) is not { } existing)
        {
            return TrainingError.NotFound("exercise");
        }

        if (!existing.Custom)
        {
            return BuiltIn;
        }

        if (!ExpectedVersion.Allows(expectedVersion, existing.Version))
        {
            return TrainingError.Stale("exercise", existing.Version);
        }

        if (ExerciseDraftValidator.Validate(draft) is { } error)
        {
            return error;
        }

        if (draft.Kind != existing.Kind && await IsLoggedAsync(id, cancellationToken))
        {
            // Logged sets were checked, and their records found, for the old kind.
            return TrainingError.Conflict("exercise_in_use", "Sets are logged for this exercise, so its kind cannot change; create a new exercise instead.");
        }

        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        // Read and write are two statements here (no grain serialises them), so the guard is what keeps a stale edit out.
        await using var command = write.Command(
            $"""
            update exercises e set name = @name, category = @category, primary_muscles = @primary, secondary_muscles = @secondary,
                                   equipment = @equipment, kind = @kind, version = version + 1
            where id = @id and user_id = @user and {ExpectedVersion.Guard}
            returning {Columns}
            """);
        Bind(command, draft);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
        Exercise? updated;
        try
        {
            updated = (await ReadAllAsync(command, cancellationToken)).FirstOrDefault();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return DuplicateName;
        }

        if (updated is null)
        {
            return await GetAsync(userId, id, cancellationToken) is { } moved
                ? TrainingError.Stale("exercise", moved.Version)
                : TrainingError.NotFound("exercise");
        }

        return await write.CommitAsync(TrainingOutcome<Exercise>.Ok(updated), cancellationToken);
    }

    /// <summary>Deletes a custom exercise nothing uses; with <paramref name="expectedVersion"/> (If-Match) only at that version.</summary>
    public async Task<TrainingOutcome<bool>> DeleteAsync(Guid userId, Guid id, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, id, cancellationToken) is not { } existing)
        {
            return TrainingError.NotFound("exercise");
        }

        if (!existing.Custom)
        {
            return BuiltIn;
        }

        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        await using var command = write.Command(ExpectedVersion.DeleteSql("exercises", "id = @id and user_id = @user"));
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
        TrainingOutcome<bool> outcome;
        try
        {
            outcome = await ExpectedVersion.DeleteAsync(command, "exercise", cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return TrainingError.Conflict("exercise_in_use", "This exercise is used by a workout or a program; remove it there first.");
        }

        return outcome.Error is null ? await write.CommitAsync(outcome, cancellationToken) : outcome;
    }

    private async Task<bool> IsLoggedAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select exists (select 1 from workout_sets where exercise_id = @id)");
        command.Parameters.AddWithValue("id", id);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    internal static Exercise Read(NpgsqlDataReader reader, int offset = 0) => new(
        reader.GetGuid(offset),
        reader.NullableString(offset + 1),
        reader.GetString(offset + 2),
        reader.GetString(offset + 3),
        reader.GetFieldValue<string[]>(offset + 4),
        reader.GetFieldValue<string[]>(offset + 5),
        reader.GetString(offset + 6),
        reader.GetString(offset + 7),
        reader.IsDBNull(offset + 1),
        reader.GetInt64(offset + 8));

    private static TrainingError BuiltIn =>
        new(TrainingFailure.Forbidden, "built_in_exercise", "Built-in exercises cannot be changed; create your own instead.");

    private static TrainingError DuplicateName =>
        new(TrainingFailure.Conflict, "duplicate_name", "You already have an exercise with that name.", "name");

    private static void Bind(NpgsqlCommand command, ExerciseDraft draft)
    {
        command.Parameters.AddWithValue("name", NpgsqlDbType.Text, draft.Name!.Trim());
        command.Parameters.AddWithValue("category", NpgsqlDbType.Text, draft.Category ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("primary", NpgsqlDbType.Array | NpgsqlDbType.Text, draft.PrimaryMuscles!.Distinct().ToArray());
        command.Parameters.AddWithValue("secondary", NpgsqlDbType.Array | NpgsqlDbType.Text, (draft.SecondaryMuscles ?? []).Distinct().ToArray());
        command.Parameters.AddWithValue("equipment", NpgsqlDbType.Text, draft.Equipment ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("kind", NpgsqlDbType.Text, draft.Kind ?? (object)DBNull.Value);
    }

    private static async Task<IReadOnlyList<Exercise>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<Exercise>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }

        return list;
    }
}
