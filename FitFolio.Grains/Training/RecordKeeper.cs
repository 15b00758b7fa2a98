using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// Replays exercises' histories through <see cref="RecordBook"/>: to mark on each set the records it
/// set (kept for history), and to answer "what are my records now".
/// </summary>
internal static class RecordKeeper
{
    /// <summary>Re-marks every set of these exercises and returns the records each set set.</summary>
    public static async Task<Dictionary<Guid, List<RecordHit>>> RemarkAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid userId, Guid[] exerciseIds, CancellationToken cancellationToken)
    {
        var hits = new Dictionary<Guid, List<RecordHit>>();
        if (exerciseIds.Length == 0)
        {
            return hits;
        }

        var history = await LoadAsync(connection, transaction, userId, exerciseIds, cancellationToken);
        var changedIds = new List<Guid>();
        var changedMarks = new List<string>();
        foreach (var exercise in history)
        {
            var book = RecordBook.Replay(exercise.Kind, exercise.Sets.Select(s => s.Candidate));
            foreach (var (candidate, stored) in exercise.Sets)
            {
                var marks = book.Hits.TryGetValue(candidate.SetId, out var setHits) ? setHits.Select(h => h.Type).Distinct().ToArray() : [];
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

        return hits;
    }

    /// <summary>Current records of one exercise, or of every exercise this person has logged.</summary>
    public static async Task<IReadOnlyList<PersonalRecord>> CurrentAsync(
        NpgsqlDataSource dataSource, Guid userId, Guid? exerciseId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var history = await LoadAsync(connection, null, userId, exerciseId is { } id ? [id] : null, cancellationToken);
        var records = new List<PersonalRecord>();
        foreach (var exercise in history)
        {
            var book = RecordBook.Replay(exercise.Kind, exercise.Sets.Select(s => s.Candidate));
            records.AddRange(book.Current().Select(c => new PersonalRecord(
                exercise.ExerciseId, exercise.Name, c.Type, c.Best.Value, RecordHit.UnitOf(c.Type), c.AtWeightKg,
                c.Best.SetId, c.Best.WorkoutId, c.Best.AchievedAt, null)));
        }

        return [.. records.OrderBy(r => r.ExerciseName, StringComparer.OrdinalIgnoreCase).ThenBy(r => TypeOrder(r.Type)).ThenBy(r => r.AtWeightKg)];
    }

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

    private sealed record ExerciseHistory(Guid ExerciseId, string Kind, string Name, List<(RecordCandidate Candidate, string[] Stored)> Sets);
}
