using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>
/// History and charts, straight from SQL: they read many workouts and change nothing, so they never
/// go through the grain. Sets of abandoned workouts and warm-ups are left out.
/// </summary>
public sealed class ProgressQueries(NpgsqlDataSource dataSource, TimeProvider clock, IGrainFactory grains)
{
    /// <summary>The half a secondary muscle gets of a set: it works, but is not what the set trains.</summary>
    public const decimal SecondaryShare = 0.5m;

    /// <summary>One point per workout of the exercise, its zoned date between <paramref name="from"/> and <paramref name="to"/> (both optional).</summary>
    public Task<IReadOnlyList<ExerciseProgressPoint>> ExerciseSeriesAsync(
        Guid userId, Guid exerciseId, DateOnly? from, DateOnly? to, string zone, CancellationToken cancellationToken) =>
        ExerciseSeries.ReadAsync(dataSource, userId, exerciseId, from, to, zone, cancellationToken);

    /// <summary>
    /// Sets and volume per week and muscle. The sets are summed per week and exercise first (numeric sums are exact, so
    /// sharing the sums equals summing the shares) and only those few rows are spread over muscles: at 80,000 sets the
    /// spread of every set's muscles was most of the query's time (bench/README.md, muscle volume).
    /// </summary>
    public async Task<IReadOnlyList<MuscleVolumePoint>> WeeklyMuscleVolumeAsync(Guid userId, int weeks, string zone, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            with counted as (
              select date_trunc('week', w.started_at at time zone @zone)::date as week_start, s.exercise_id, count(*) as sets,
                     sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)) as volume
              from workouts w join workout_sets s on s.workout_id = w.id
              where w.user_id = @user and w.status <> 'abandoned' and s.set_type <> 'warmup'
                and w.started_at >= @since_utc and (w.started_at at time zone @zone)::date >= @since
              group by 1, 2
            ), weighed as (
              select c.week_start, c.sets, case when e.kind = 'weight_reps' then c.volume else 0 end as volume, e.primary_muscles, e.secondary_muscles
              from counted c join exercises e on e.id = c.exercise_id
            ), shares as (
              select week_start, m as muscle, 1.0 as share, sets, volume from weighed, unnest(primary_muscles) m
              union all
              select week_start, m, @secondary, sets, volume from weighed, unnest(secondary_muscles) m
            )
            select week_start, muscle, sum(share * sets), round(sum(share * volume), 2)
            from shares group by week_start, muscle order by week_start, muscle
            """);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("zone", NpgsqlDbType.Text, zone);
        var since = monday.AddDays(-7 * (weeks - 1));
        command.Parameters.AddWithValue("since", NpgsqlDbType.Date, since);
        // A bound the workouts index can seek: no zone is more than a day from UTC, so nothing of the first day is cut.
        command.Parameters.AddWithValue("since_utc", NpgsqlDbType.TimestampTz, new DateTimeOffset(since.AddDays(-1), TimeOnly.MinValue, TimeSpan.Zero));
        command.Parameters.AddWithValue("secondary", NpgsqlDbType.Numeric, SecondaryShare);
        var points = new List<MuscleVolumePoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new MuscleVolumePoint(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetDecimal(2), reader.GetDecimal(3)));
        }

        return points;
    }

    public async Task<IReadOnlyList<ExerciseSession>> ExerciseHistoryAsync(Guid userId, Guid exerciseId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var workouts = new List<(Guid Id, string Name, DateTimeOffset At)>();
        await using (var command = new NpgsqlCommand(
            """
            select w.id, w.name, w.started_at from workouts w
            where w.user_id = @user and w.status <> 'abandoned'
              and exists (select 1 from workout_sets s where s.workout_id = w.id and s.exercise_id = @exercise)
            order by w.started_at desc, w.id desc limit @limit
            """, connection))
        {
            command.Parameters.AddWithValue("user", userId);
            command.Parameters.AddWithValue("exercise", exerciseId);
            command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                workouts.Add((reader.GetGuid(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
            }
        }

        var sessions = new List<ExerciseSession>();
        foreach (var workout in workouts)
        {
            var view = await WorkoutReader.ReadAsync(connection, null, userId, workout.Id, cancellationToken);
            sessions.Add(new ExerciseSession(workout.Id, workout.Name, workout.At,
                [.. view!.Exercises.Where(e => e.ExerciseId == exerciseId).SelectMany(e => e.Sets)]));
        }

        return sessions;
    }

    public async Task<PreviousPerformance> LastAsync(Guid userId, Guid exerciseId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var previous = await WorkoutReader.PreviousAsync(connection, null, userId, [exerciseId], null, clock.GetUtcNow().AddHours(1), cancellationToken);
        return previous.GetValueOrDefault(exerciseId) ?? new PreviousPerformance(null, null, []);
    }

    /// <summary>The stored records; a history older than the stored records is replayed into them once, by the person's training grain.</summary>
    public async Task<IReadOnlyList<PersonalRecord>> RecordsAsync(Guid userId, Guid? exerciseId, CancellationToken cancellationToken)
    {
        if (await RecordKeeper.CurrentAsync(dataSource, userId, exerciseId, cancellationToken) is { } records)
        {
            return records;
        }

        await grains.GetGrain<ITrainingGrain>(userId.ToString("N")).RebuildRecords();
        return await RecordKeeper.CurrentAsync(dataSource, userId, exerciseId, cancellationToken) ?? [];
    }
}
