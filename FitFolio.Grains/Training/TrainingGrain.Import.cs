using FitFolio.Grains.Training.Import;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

internal sealed partial class TrainingGrain
{
    /// <summary>
    /// How many sets are written per round of COPY: the job's progress moves after each round (50 rounds for a 100,000-set
    /// export), while each round's three COPY statements cost a few milliseconds, not a share of the import.
    /// </summary>
    private const int ImportChunkSets = 2_000;

    /// <summary>
    /// Stores the batch in one transaction (all of it or nothing, so a failed import leaves nothing to clean up), in rounds
    /// of COPY that advance the job's progress; the job's row is set finished in the same transaction.
    /// </summary>
    private async Task<ImportSummary> WriteImportAsync(ImportBatch batch, ImportJob job)
    {
        var skipped = new List<ImportSkip>(batch.Skipped);
        var created = new List<CreatedExercise>();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        var matcher = new ExerciseMatcher(await ExercisesForImportAsync(connection, transaction));
        var present = await ImportedKeysAsync(connection, transaction, [.. batch.Workouts.Select(w => w.Key)]);
        var now = clock.GetUtcNow();
        var chunk = new ImportChunk();
        var touched = new HashSet<Guid>();
        var workoutIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        var (alreadyPresent, workoutsImported, setsImported, done) = (0, 0, 0, 0);
        foreach (var workout in batch.Workouts)
        {
            done++;
            if (present.Contains(workout.Key) || workoutIds.ContainsKey(workout.Key))
            {
                alreadyPresent += present.Contains(workout.Key) ? 1 : 0;
                continue;
            }

            var workoutId = Guid.CreateVersion7(now);
            var position = 0;
            var sets = 0;
            foreach (var block in workout.Exercises)
            {
                var exercise = matcher.Find(block.Name) ?? await CreateImportedExerciseAsync(connection, transaction, block, matcher, created, now);
                var workoutExerciseId = Guid.CreateVersion7(now);
                var setPosition = 0;
                foreach (var set in block.Sets)
                {
                    var validated = SetValidator.Validate(Adapt(set, exercise.Kind), exercise.Kind);
                    if (validated.Error is { } error)
                    {
                        skipped.Add(new ImportSkip(set.Row, $"{error.Field}: {error.Message}"));
                        continue;
                    }

                    chunk.Sets.Add((Guid.CreateVersion7(now), workoutId, workoutExerciseId, exercise.Id, ++setPosition, validated.Value!, workout.StartedAt));
                }

                if (setPosition > 0)
                {
                    var notes = Clip(block.Notes, TextRules.MaxNotesLength);
                    chunk.Exercises.Add((workoutExerciseId, workoutId, ++position, exercise.Id, block.SupersetGroup, notes));
                    touched.Add(exercise.Id);
                    sets += setPosition;
                }
            }

            if (sets > 0)
            {
                workoutIds[workout.Key] = workoutId;
                chunk.Workouts.Add(workout);
                (workoutsImported, setsImported) = (workoutsImported + 1, setsImported + sets);
            }

            if (chunk.Sets.Count >= ImportChunkSets)
            {
                await FlushImportAsync(connection, chunk, workoutIds);
                (job.WorkoutsDone, job.SetsWritten) = (done, setsImported);
            }
        }

        await FlushImportAsync(connection, chunk, workoutIds);
        (job.WorkoutsDone, job.SetsWritten) = (done, setsImported);
        await RecordKeeper.RemarkAsync(connection, transaction, UserId, [.. touched], default);
        var summary = new ImportSummary(batch.Format, workoutsImported, alreadyPresent, setsImported, created, [.. skipped.OrderBy(s => s.Row)]);
        await MarkImportFinishedAsync(connection, transaction, job.Id, summary);
        await transaction.CommitAsync();
        return summary;
    }

    private async Task FlushImportAsync(NpgsqlConnection connection, ImportChunk chunk, Dictionary<string, Guid> workoutIds)
    {
        await CopyWorkoutsAsync(connection, chunk.Workouts, workoutIds);
        await CopyExercisesAsync(connection, chunk.Exercises);
        await CopySetsAsync(connection, chunk.Sets);
        chunk.Clear();
    }

    /// <summary>Fits another app's set to the exercise's kind: a 0 the app wrote for "nothing" becomes nothing.</summary>
    private static SetInput Adapt(ImportedSet imported, string kind)
    {
        var set = imported.Measures;
        var noLoad = kind is ExerciseKind.Bodyweight or ExerciseKind.Time or ExerciseKind.Distance;
        var noReps = kind is ExerciseKind.Time or ExerciseKind.Distance;
        var rpe = set.Rpe is { } r && r >= 1 && r <= 10 ? Math.Round(r * 2, MidpointRounding.AwayFromZero) / 2 : (decimal?)null;
        return new SetInput(
            Guid.Empty, set.Type, noReps && set.Reps == 0 ? null : set.Reps, noLoad && set.Weight == 0 ? null : set.Weight, set.WeightUnit,
            set.DurationSeconds, set.DistanceMeters, rpe, null, Clip(imported.Notes, TextRules.MaxNotesLength), null);
    }

    /// <summary>At most <paramref name="length"/> UTF-16 units, never half of a surrogate pair (PostgreSQL would refuse the text).</summary>
    private static string? Clip(string? text, int length) =>
        text is null || text.Length <= length ? text : text[..(char.IsHighSurrogate(text[length - 1]) ? length - 1 : length)];

    private async Task<IReadOnlyList<Exercise>> ExercisesForImportAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var command = new NpgsqlCommand(
            $"select {ExerciseCatalog.Columns} from exercises e where e.user_id is null or e.user_id = @user", connection, transaction);
        command.Parameters.AddWithValue("user", UserId);
        var list = new List<Exercise>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            list.Add(ExerciseCatalog.Read(reader));
        }

        return list;
    }

    private async Task<HashSet<string>> ImportedKeysAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] keys)
    {
        await using var command = new NpgsqlCommand(
            "select import_key from workouts where user_id = @user and import_key = any(@keys)", connection, transaction);
        command.Parameters.AddWithValue("user", UserId);
        command.Parameters.AddWithValue("keys", keys);
        var present = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            present.Add(reader.GetString(0));
        }

        return present;
    }

    private async Task<Exercise> CreateImportedExerciseAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        ImportedExercise block,
        ExerciseMatcher matcher,
        List<CreatedExercise> created,
        DateTimeOffset now)
    {
        var sets = block.Sets.Select(s => s.Measures).ToList();
        var kind = sets.Any(s => s.Weight > 0) ? ExerciseKind.WeightReps
            : sets.Any(s => s.Reps > 0) ? ExerciseKind.Bodyweight
            : sets.Any(s => s.DistanceMeters > 0) ? ExerciseKind.Distance
            : ExerciseKind.Time;
        var name = Clip(block.Name.Trim(), TextRules.MaxNameLength)!;
        // Two long names that agree up to the clip are one exercise, not a second row with a taken name.
        if (matcher.Find(name) is { } clippedTwin)
        {
            return clippedTwin;
        }

        var exercise = new Exercise(Guid.CreateVersion7(now), null, name, "other", [], [], ExerciseMatcher.EquipmentOf(name), kind, true);
        await using var insert = new NpgsqlCommand(
            """
            insert into exercises (id, user_id, name, category, primary_muscles, secondary_muscles, equipment, kind, created_at)
            values (@id, @user, @name, @category, '{}', '{}', @equipment, @kind, @now)
            """, connection, transaction);
        insert.Parameters.AddWithValue("id", exercise.Id);
        insert.Parameters.AddWithValue("user", UserId);
        insert.Parameters.AddWithValue("name", NpgsqlDbType.Text, name);
        insert.Parameters.AddWithValue("category", NpgsqlDbType.Text, exercise.Category);
        insert.Parameters.AddWithValue("equipment", NpgsqlDbType.Text, exercise.Equipment);
        insert.Parameters.AddWithValue("kind", NpgsqlDbType.Text, kind);
        insert.Parameters.AddWithValue("now", NpgsqlDbType.TimestampTz, now);
        await insert.ExecuteNonQueryAsync();
        matcher.Remember(exercise);
        created.Add(new CreatedExercise(exercise.Id, name));
        return exercise;
    }

    private async Task CopyWorkoutsAsync(NpgsqlConnection connection, List<ImportedWorkout> workouts, Dictionary<string, Guid> ids)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy workouts (id, user_id, name, notes, status, started_at, ended_at, source, import_key) from stdin (format binary)");
        foreach (var w in workouts)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(ids[w.Key], NpgsqlDbType.Uuid);
            await copy.WriteAsync(UserId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(Clip(w.Name, TextRules.MaxNameLength)!, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, Clip(w.Notes, TextRules.MaxNotesLength), NpgsqlDbType.Text);
            await copy.WriteAsync(WorkoutStatus.Finished, NpgsqlDbType.Text);
            await copy.WriteAsync(w.StartedAt, NpgsqlDbType.TimestampTz);
            await WriteNullableAsync(copy, w.EndedAt, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(w.Key.Split(':')[0], NpgsqlDbType.Text);
            await copy.WriteAsync(w.Key, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
    }

    private async Task CopyExercisesAsync(
        NpgsqlConnection connection, List<(Guid Id, Guid WorkoutId, int Position, Guid ExerciseId, int? Superset, string? Notes)> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy workout_exercises (id, workout_id, user_id, position, exercise_id, superset_group, notes) from stdin (format binary)");
        foreach (var row in rows)
        {
            await copy.StartRowAsync();
            await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.WorkoutId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(UserId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.Position, NpgsqlDbType.Integer);
            await copy.WriteAsync(row.ExerciseId, NpgsqlDbType.Uuid);
            await WriteNullableAsync(copy, row.Superset, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, row.Notes, NpgsqlDbType.Text);
        }

        await copy.CompleteAsync();
    }

    private async Task CopySetsAsync(
        NpgsqlConnection connection,
        List<(Guid Id, Guid WorkoutId, Guid WorkoutExerciseId, Guid ExerciseId, int Position, SetContent Content, DateTimeOffset At)> rows)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            copy workout_sets (id, user_id, workout_id, workout_exercise_id, exercise_id, position, set_type, reps, weight, weight_unit, weight_kg,
                               duration_seconds, distance_m, rpe, rir, notes, completed_at) from stdin (format binary)
            """);
        foreach (var row in rows)
        {
            var c = row.Content;
            await copy.StartRowAsync();
            await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid);
            await copy.WriteAsync(UserId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.WorkoutId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.WorkoutExerciseId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.ExerciseId, NpgsqlDbType.Uuid);
            await copy.WriteAsync(row.Position, NpgsqlDbType.Integer);
            await copy.WriteAsync(c.Measures.Type, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, c.Measures.Reps, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, c.Measures.Weight, NpgsqlDbType.Numeric);
            await WriteNullableAsync(copy, c.Measures.WeightUnit, NpgsqlDbType.Text);
            await WriteNullableAsync(copy, c.Measures.WeightKg, NpgsqlDbType.Numeric);
            await WriteNullableAsync(copy, c.Measures.DurationSeconds, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, c.Measures.DistanceMeters, NpgsqlDbType.Numeric);
            await WriteNullableAsync(copy, c.Measures.Rpe, NpgsqlDbType.Numeric);
            await WriteNullableAsync(copy, c.Rir, NpgsqlDbType.Integer);
            await WriteNullableAsync(copy, c.Notes, NpgsqlDbType.Text);
            await copy.WriteAsync(row.At, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    private static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, type);
        }
    }
}
