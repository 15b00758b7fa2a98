using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>The body-weight log: one entry a day, stored as entered and in kg for the chart.</summary>
public sealed class BodyWeightLog(NpgsqlDataSource dataSource)
{
    public const decimal MinKg = 20m;
    public const decimal MaxKg = 500m;

    public async Task<IReadOnlyList<BodyWeightEntry>> ListAsync(Guid userId, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select day, weight, unit, weight_kg, notes, version from body_weights
            where user_id = @user and (@from is null or day >= @from) and (@to is null or day <= @to) order by day
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Date, from ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Date, to ?? (object)DBNull.Value);
        var entries = new List<BodyWeightEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new BodyWeightEntry(reader.GetFieldValue<DateOnly>(0), reader.GetDecimal(1), reader.GetString(2),
                Math.Round(reader.GetDecimal(3), 2, MidpointRounding.AwayFromZero), reader.NullableString(4), reader.GetInt64(5)));
        }

        return entries;
    }

    /// <summary>
    /// Adds or replaces the day's entry; Created tells which. With <paramref name="expectedVersion"/> (If-Match, see
    /// <see cref="ExpectedVersion"/>) it only replaces the entry at that version, and never adds one (there is none to match).
    /// </summary>
    public async Task<TrainingOutcome<BodyWeightEntry>> PutAsync(
        Guid userId, DateOnly day, BodyWeightInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (input.Weight is not { } weight)
        {
            return TrainingError.Validation("weight", "weight is required.");
        }

        if (!TrainingVocabulary.IsWeightUnit(input.Unit))
        {
            return TrainingError.Validation("unit", "unit is kg or lb.");
        }

        var kg = Weights.ToKg(weight, input.Unit!);
        if (kg < MinKg || kg > MaxKg || decimal.Round(weight, 2) != weight)
        {
            return TrainingError.Validation("weight", $"weight is {MinKg} to {MaxKg} kg (or the same in lb), with at most 2 decimals.");
        }

        if (TextRules.Notes(input.Notes, "notes") is { } notesError)
        {
            return notesError;
        }

        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        // One statement either way, so the check and the write cannot be split by another writer.
        await using var command = write.Command(expectedVersion is null
            ? """
              insert into body_weights (user_id, day, weight, unit, weight_kg, notes) values (@user, @day, @weight, @unit, @kg, @notes)
              on conflict (user_id, day) do update set weight = excluded.weight, unit = excluded.unit, weight_kg = excluded.weight_kg, notes = excluded.notes,
                                                       version = body_weights.version + 1
              returning (xmax = 0), version
              """
            : $"""
              update body_weights set weight = @weight, unit = @unit, weight_kg = @kg, notes = @notes, version = version + 1
              where user_id = @user and day = @day and {ExpectedVersion.Guard}
              returning false, version
              """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("day", NpgsqlDbType.Date, day);
        command.Parameters.AddWithValue("weight", NpgsqlDbType.Numeric, weight);
        command.Parameters.AddWithValue("unit", NpgsqlDbType.Text, input.Unit ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("kg", NpgsqlDbType.Numeric, kg);
        command.Parameters.AddWithValue("notes", NpgsqlDbType.Text, TextRules.NormalizeNotes(input.Notes) ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
        bool created;
        long version;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return TrainingError.Stale("body-weight entry", await VersionAsync(userId, day, cancellationToken));
            }

            (created, version) = (reader.GetBoolean(0), reader.GetInt64(1));
        }

        var entry = new BodyWeightEntry(
            day, weight, input.Unit!, Math.Round(kg, 2, MidpointRounding.AwayFromZero), TextRules.NormalizeNotes(input.Notes), version);
        return await write.CommitAsync(TrainingOutcome<BodyWeightEntry>.Ok(entry, created), cancellationToken);
    }

    /// <summary>Deletes the day's entry; with <paramref name="expectedVersion"/> (If-Match) only at that version.</summary>
    public async Task<TrainingOutcome<bool>> DeleteAsync(Guid userId, DateOnly day, long? expectedVersion, CancellationToken cancellationToken)
    {
        await using var write = await TrainingWrite.BeginAsync(dataSource, cancellationToken);
        if (await write.ClaimAsync(cancellationToken) is { } running)
        {
            return running;
        }

        await using var command = write.Command(ExpectedVersion.DeleteSql("body_weights", "user_id = @user and day = @day"));
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("day", NpgsqlDbType.Date, day);
        command.Parameters.AddWithValue("expected", NpgsqlDbType.Bigint, expectedVersion ?? (object)DBNull.Value);
        var outcome = await ExpectedVersion.DeleteAsync(command, "body-weight entry", cancellationToken);
        return outcome.Error is null ? await write.CommitAsync(outcome, cancellationToken) : outcome;
    }

    private async Task<long?> VersionAsync(Guid userId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select version from body_weights where user_id = @user and day = @day");
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("day", NpgsqlDbType.Date, day);
        return await command.ExecuteScalarAsync(cancellationToken) as long?;
    }
}
