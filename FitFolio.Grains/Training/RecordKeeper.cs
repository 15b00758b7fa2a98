using System.Text.Json;
using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// Keeps each exercise's <see cref="RecordBook"/> in <c>record_books</c>, current with every set write and in the
/// same transaction, so records are read in one query and can never disagree with the sets. A set logged after
/// the last one of its exercise is added to the stored book (<see cref="AppendAsync"/>); every other change
/// replays the exercise's history (<see cref="RemarkAsync"/>), which re-marks the sets (each keeps the records it
/// set, for history) and rewrites the book. The replay of everything is the repair path
/// (<see cref="ITrainingGrain.RebuildRecords"/>) and, read-only, the tests' oracle (<see cref="ReplayAsync"/>).
/// </summary>
internal static class RecordKeeper
{
    /// <summary>
    /// The read <see cref="AppendAsync"/> starts from: the set just inserted (<paramref name="setId"/>), its exercise's book
    /// and whether the set comes after the book's last one. A command of its own, so the insert can send it in the same batch.
    /// </summary>
    public static NpgsqlBatchCommand AppendReadCommand(Guid userId, Guid setId)
    {
        var command = new NpgsqlBatchCommand(
            """
            select ns.exercise_id, e.kind, ns.workout_id, ns.completed_at, nw.status <> 'abandoned', ns.set_type, ns.reps, ns.weight_kg,
                   ns.duration_seconds, ns.distance_m, b.state::text, b.last_set_id,
                   (select (lw.started_at, lw.id, lwe.position, ls.position)
                    from workout_sets ls join workouts lw on lw.id = ls.workout_id join workout_exercises lwe on lwe.id = ls.workout_exercise_id
                    where ls.id = b.last_set_id) < (nw.started_at, nw.id, nwe.position, ns.position)
            from workout_sets ns
            join workouts nw on nw.id = ns.workout_id
            join workout_exercises nwe on nwe.id = ns.workout_exercise_id
            join exercises e on e.id = ns.exercise_id
            left join record_books b on b.user_id = ns.user_id and b.exercise_id = ns.exercise_id
            where ns.id = @set and ns.user_id = @user
            """);
        command.Parameters.AddWithValue("set", setId);
        command.Parameters.AddWithValue("user", userId);
        return command;
    }

    /// <summary>Reads the answer to <see cref="AppendReadCommand"/>: null when the set is not this person's.</summary>
    public static async Task<AppendRead?> ReadAppendAsync(NpgsqlDataReader reader, Guid setId, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var candidate = new RecordCandidate(
            setId, reader.GetGuid(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetBoolean(4), reader.GetString(5),
            reader.Nullable<int>(6), reader.Nullable<decimal>(7), reader.Nullable<int>(8), reader.Nullable<decimal>(9));
        // Appending is right only when the book has read the exercise up to a set this one comes after.
        var after = reader.Nullable<bool>(12) == true;
        return new AppendRead(reader.GetGuid(0), reader.GetString(1), candidate, after ? reader.GetString(10) : null, after ? reader.GetGuid(11) : null);
    }

    /// <summary>
    /// Records of the set just inserted (<paramref name="setId"/>), added to its exercise's book from the read
    /// <see cref="AppendReadCommand"/> answered (null: the set is not this person's), or replayed when the book cannot simply be added to.
    /// </summary>
    public static async Task<List<RecordHit>> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, Guid setId, AppendRead? read, CancellationToken cancellationToken)
    {
        if (read is null)
        {
            return [];
        }

        var (exerciseId, kind, candidate, state, lastSetId) = read;
        if (state is null)
        {
            return (await RemarkAsync(connection, transaction, userId, [exerciseId], cancellationToken)).GetValueOrDefault(setId) ?? [];
        }

        var book = RecordBook.Restore(kind, JsonSerializer.Deserialize<RecordBookState>(state)!);
        book.Add(candidate);
        var hits = book.Hits.GetValueOrDefault(setId) ?? [];
        // One round trip: the set's marks are written only when the book's update found the book as it was read.
        await using (var save = new NpgsqlCommand(
            """
            with saved as (
              update record_books set state = @state::jsonb, last_set_id = @set
              where user_id = @user and exercise_id = @exercise and last_set_id = @last
              returning 1
            ), marked as (
              update workout_sets set records = @marks where id = @set and user_id = @user and cardinality(@marks) > 0 and exists (select from saved)
            )
            select count(*) from saved
            """, connection, transaction))
        {
            save.Parameters.AddWithValue("state", NpgsqlDbType.Text, JsonSerializer.Serialize(book.Save()));
            save.Parameters.AddWithValue("set", setId);
            save.Parameters.AddWithValue("user", userId);
            save.Parameters.AddWithValue("exercise", exerciseId);
            save.Parameters.AddWithValue("last", lastSetId!.Value);
            save.Parameters.AddWithValue("marks", NpgsqlDbType.Array | NpgsqlDbType.Text, Marks(hits));
            await save.PrepareAsync(cancellationToken);
            if ((long)(await save.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                // Another activation wrote the book since it was read (only during a membership change): replay.
                return (await RemarkAsync(connection, transaction, userId, [exerciseId], cancellationToken)).GetValueOrDefault(setId) ?? [];
            }
        }

        return hits;
    }

    /// <summary>
    /// Replays these exercises (null: every exercise of the person, and the person is marked as rebuilt): re-marks
    /// their sets, rewrites their books (deleting those of exercises left without sets) and returns the records each set set.
    /// </summary>
    public static async Task<Dictionary<Guid, List<RecordHit>>> RemarkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, Guid[]? exerciseIds, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<Guid, List<RecordHit>>();
        if (exerciseIds is { Length: 0 })
        {
            return hits;
        }

        var history = await LoadAsync(connection, transaction, userId, exerciseIds, cancellationToken);
        var changedIds = new List<Guid>();
        var changedMarks = new List<string>();
        var books = new List<(Guid ExerciseId, Guid LastSetId, string State)>();
        foreach (var exercise in history)
        {
            var book = RecordBook.Replay(exercise.Kind, exercise.Sets.Select(s => s.Candidate));
            books.Add((exercise.ExerciseId, exercise.Sets[^1].Candidate.SetId, JsonSerializer.Serialize(book.Save())));
            foreach (var (candidate, stored) in exercise.Sets)
            {
                var marks = book.Hits.TryGetValue(candidate.SetId, out var setHits) ? Marks(setHits) : [];
                if (setHits is not null)
                {
                    hits[candidate.SetId] = setHits;
                }

                if (!marks.SequenceEqual(stored))
                {
                    changedIds.Add(candidate.SetId);
                    changedMarks.Add(string.Join(',', marks));
                }
            }
        }

        if (changedIds.Count > 0)
        {
            await using var update = new NpgsqlCommand(
                """
                update workout_sets s set records = case when v.marks = '' then '{}'::text[] else string_to_array(v.marks, ',') end
                from unnest(@ids, @marks) as v (id, marks) where s.id = v.id and s.user_id = @user
                """, connection, transaction);
            update.Parameters.AddWithValue("ids", changedIds.ToArray());
            update.Parameters.AddWithValue("marks", changedMarks.ToArray());
            update.Parameters.AddWithValue("user", userId);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await SaveBooksAsync(connection, transaction, userId, exerciseIds, books, cancellationToken);
        return hits;
    }

    /// <summary>The stored records of one exercise, or of every exercise; null when this person's books were never all built.</summary>
    public static async Task<IReadOnlyList<PersonalRecord>?> CurrentAsync(
        NpgsqlDataSource dataSource, Guid userId, Guid? exerciseId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select b.exercise_id, e.name, e.kind, b.state::text
            from record_books_ready r
            left join record_books b on b.user_id = r.user_id and (@all or b.exercise_id = @exercise)
            left join exercises e on e.id = b.exercise_id
            where r.user_id = @user
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("all", NpgsqlDbType.Boolean, exerciseId is null);
        command.Parameters.AddWithValue("exercise", NpgsqlDbType.Uuid, exerciseId ?? Guid.Empty);
        var ready = false;
        var records = new List<PersonalRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            ready = true;
            if (!reader.IsDBNull(0))
            {
                var book = RecordBook.Restore(reader.GetString(2), JsonSerializer.Deserialize<RecordBookState>(reader.GetString(3))!);
                records.AddRange(Records(reader.GetGuid(0), reader.GetString(1), book));
            }
        }

        return ready ? Ordered(records) : null;
    }

    /// <summary>The records and each set's marks as a replay of the whole history finds them, changing nothing: the oracle.</summary>
    public static async Task<(IReadOnlyList<PersonalRecord> Records, IReadOnlyDictionary<Guid, string[]> Marks)> ReplayAsync(
        NpgsqlDataSource dataSource, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var records = new List<PersonalRecord>();
        var marks = new Dictionary<Guid, string[]>();
        foreach (var exercise in await LoadAsync(connection, null, userId, null, cancellationToken))
        {
            var book = RecordBook.Replay(exercise.Kind, exercise.Sets.Select(s => s.Candidate));
            records.AddRange(Records(exercise.ExerciseId, exercise.Name, book));
            foreach (var (candidate, _) in exercise.Sets)
            {
                marks[candidate.SetId] = book.Hits.TryGetValue(candidate.SetId, out var hits) ? Marks(hits) : [];
            }
        }

        return (Ordered(records), marks);
    }

    /// <summary>The record types a set's hits mark it with (<c>workout_sets.records</c>).</summary>
    public static string[] Marks(List<RecordHit> hits) => [.. hits.Select(h => h.Type).Distinct()];

    private static IEnumerable<PersonalRecord> Records(Guid exerciseId, string name, RecordBook book) =>
        book.Current().Select(c => new PersonalRecord(
            exerciseId, name, c.Type, c.Best.Value, RecordHit.UnitOf(c.Type), c.AtWeightKg, c.Best.SetId, c.Best.WorkoutId, c.Best.AchievedAt, null));

    private static PersonalRecord[] Ordered(List<PersonalRecord> records) =>
        [.. records.OrderBy(r => r.ExerciseName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.ExerciseId)
            .ThenBy(r => TypeOrder(r.Type)).ThenBy(r => r.AtWeightKg)];

    private static int TypeOrder(string type)
    {
        for (var i = 0; i < TrainingVocabulary.RecordTypes.Count; i++)
        {
            if (TrainingVocabulary.RecordTypes[i] == type)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static async Task SaveBooksAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        Guid userId,
        Guid[]? exerciseIds,
        List<(Guid ExerciseId, Guid LastSetId, string State)> books,
        CancellationToken cancellationToken)
    {
        await using var save = new NpgsqlCommand(
            """
            delete from record_books where user_id = @user and (@all or exercise_id = any(@exercises)) and exercise_id <> all(@kept);
            insert into record_books (user_id, exercise_id, last_set_id, state)
            select @user, v.exercise_id, v.last_set_id, v.state::jsonb from unnest(@kept, @lasts, @states) as v (exercise_id, last_set_id, state)
            on conflict (user_id, exercise_id) do update set last_set_id = excluded.last_set_id, state = excluded.state;
            insert into record_books_ready (user_id, rebuilt_at) select @user, now() where @all
            on conflict (user_id) do update set rebuilt_at = excluded.rebuilt_at;
            """, connection, transaction);
        save.Parameters.AddWithValue("user", userId);
        save.Parameters.AddWithValue("all", NpgsqlDbType.Boolean, exerciseIds is null);
        save.Parameters.AddWithValue("exercises", NpgsqlDbType.Array | NpgsqlDbType.Uuid, exerciseIds ?? []);
        save.Parameters.AddWithValue("kept", books.Select(b => b.ExerciseId).ToArray());
        save.Parameters.AddWithValue("lasts", books.Select(b => b.LastSetId).ToArray());
        save.Parameters.AddWithValue("states", books.Select(b => b.State).ToArray());
        await save.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<ExerciseHistory>> LoadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid userId, Guid[]? exerciseIds, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select s.exercise_id, e.kind, e.name, s.id, s.workout_id, s.completed_at, w.status <> 'abandoned', s.set_type, s.reps, s.weight_kg,
                   s.duration_seconds, s.distance_m, s.records
            from workout_sets s
            join workouts w on w.id = s.workout_id
            join workout_exercises we on we.id = s.workout_exercise_id
            join exercises e on e.id = s.exercise_id
            where s.user_id = @user and (@all or s.exercise_id = any(@exercises))
            order by s.exercise_id, w.started_at, w.id, we.position, s.position
            """, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("all", NpgsqlDbType.Boolean, exerciseIds is null);
        command.Parameters.AddWithValue("exercises", NpgsqlDbType.Array | NpgsqlDbType.Uuid, exerciseIds ?? []);
        var result = new List<ExerciseHistory>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var exerciseId = reader.GetGuid(0);
            if (result.Count == 0 || result[^1].ExerciseId != exerciseId)
            {
                result.Add(new ExerciseHistory(exerciseId, reader.GetString(1), reader.GetString(2), []));
            }

            result[^1].Sets.Add((new RecordCandidate(
                reader.GetGuid(3), reader.GetGuid(4), reader.GetFieldValue<DateTimeOffset>(5), reader.GetBoolean(6), reader.GetString(7),
                reader.Nullable<int>(8), reader.Nullable<decimal>(9), reader.Nullable<int>(10), reader.Nullable<decimal>(11)),
                    reader.GetFieldValue<string[]>(12)));
        }

        return result;
    }

    /// <summary>What <see cref="AppendAsync"/> needs of the new set and its book; no state when the book cannot simply be added to.</summary>
    public sealed record AppendRead(Guid ExerciseId, string Kind, RecordCandidate Candidate, string? State, Guid? LastSetId);

    private sealed record ExerciseHistory(Guid ExerciseId, string Kind, string Name, List<(RecordCandidate Candidate, string[] Stored)> Sets);
}
