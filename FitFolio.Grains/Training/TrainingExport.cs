using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// Exports a person's training data: as a JSON-serialisable record (<see cref="ExportAsync"/>, which
/// the account export includes) and as CSV, one row per set (<see cref="WriteCsvAsync"/>).
/// </summary>
public sealed class TrainingExport(NpgsqlDataSource dataSource, ExerciseCatalog exercises, BodyWeightLog bodyWeight)
{
    public const string CsvHeader =
        "workout_id,workout_name,workout_status,started_at,ended_at,exercise_id,exercise_name,exercise_position,set_id,set_position,set_type," +
        "reps,weight,weight_unit,weight_kg,duration_seconds,distance_m,rpe,rir,notes,completed_at,records";

    public async Task<TrainingExportData> ExportAsync(Guid userId, CancellationToken cancellationToken)
    {
        var custom = await exercises.ListAsync(userId, new ExerciseFilter(null, null, null, null, null, Custom: true), cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var programs = new List<ProgramView>();
        foreach (var id in await IdsAsync(connection, "select id from programs where user_id = @user order by created_at, id", userId, cancellationToken))
        {
            programs.Add((await ProgramStore.ReadAsync(connection, null, userId, id, cancellationToken))!);
        }

        var workouts = new List<WorkoutView>();
        foreach (var id in await IdsAsync(connection, "select id from workouts where user_id = @user order by started_at, id", userId, cancellationToken))
        {
            workouts.Add((await WorkoutReader.ReadAsync(connection, null, userId, id, cancellationToken))!);
        }

        return new TrainingExportData(
            custom,
            programs,
            [.. workouts.Select(w => w with { Exercises = [.. w.Exercises.Select(e => e with { Previous = null })] })],
            await bodyWeight.ListAsync(userId, null, null, cancellationToken));
    }

    /// <summary>Writes every set as a CSV row (RFC 4180, UTF-8, invariant numbers), oldest workout first.</summary>
    public async Task WriteCsvAsync(Guid userId, TextWriter writer, CancellationToken cancellationToken)
    {
        await writer.WriteAsync(CsvHeader + "\r\n");
        await using var command = dataSource.CreateCommand(
            """
            select w.id, w.name, w.status, w.started_at, w.ended_at, e.id, e.name, we.position, s.id, s.position, s.set_type,
                   s.reps, s.weight, s.weight_unit, s.weight_kg, s.duration_seconds, s.distance_m, s.rpe, s.rir, s.notes, s.completed_at, s.records
            from workout_sets s join workouts w on w.id = s.workout_id join workout_exercises we on we.id = s.workout_exercise_id
            join exercises e on e.id = s.exercise_id
            where s.user_id = @user order by w.started_at, w.id, we.position, s.position
            """);
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var line = new StringBuilder();
        while (await reader.ReadAsync(cancellationToken))
        {
            line.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                line.Append(Field(reader.IsDBNull(i) ? null : reader.GetValue(i)));
            }

            await writer.WriteAsync(line.Append("\r\n").ToString());
        }
    }

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString(
                "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            decimal number => number.ToString("0.####", CultureInfo.InvariantCulture),
            string[] list => string.Join('|', list),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

        // Formula-looking text is prefixed so a spreadsheet shows it rather than runs it (CSV injection).
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && value is string)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlConnection connection, string sql, Guid userId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("user", NpgsqlDbType.Uuid, userId);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }
}
