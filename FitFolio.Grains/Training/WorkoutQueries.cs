using FitFolio.Grains.Common.Paging;
using FitFolio.Grains.Common;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Training;

/// <summary>Reads of workouts, straight from SQL (writes go through <see cref="ITrainingGrain"/>).</summary>
public sealed class WorkoutQueries(NpgsqlDataSource dataSource)
{
    public async Task<WorkoutView?> GetAsync(Guid userId, Guid workoutId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await WorkoutReader.ReadAsync(connection, null, userId, workoutId, cancellationToken);
    }

    public async Task<WorkoutView?> ActiveAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select id from workouts where user_id = @user and status = 'in_progress'", connection);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id
            ? await WorkoutReader.ReadAsync(connection, null, userId, id, cancellationToken)
            : null;
    }

    /// <summary>Workouts newest first, <paramref name="limit"/> a page, with a keyset cursor.</summary>
    public async Task<Page<WorkoutSummary>> ListAsync(Guid userId, string? status, KeysetCursor? after, int limit, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select w.id, w.name, w.status, w.started_at, w.ended_at, w.program_id,
                   (select count(*) from workout_exercises we where we.workout_id = w.id)::int,
                   coalesce(agg.sets, 0)::int, coalesce(agg.volume, 0), coalesce(agg.records, 0)::int, w.version
            from workouts w
            left join lateral (
              select count(*) as sets,
                     round(sum(case when e.kind = 'weight_reps' and s.set_type <> 'warmup' then coalesce(s.weight_kg, 0) * coalesce(s.reps, 0) else 0 end), 2) as volume,
                     sum(cardinality(s.records)) as records
              from workout_sets s join exercises e on e.id = s.exercise_id where s.workout_id = w.id) agg on true
            where w.user_id = @user and (@status is null or w.status = @status)
              and (@after_at is null or (w.started_at, w.id) < (@after_at, @after_id))
            order by w.started_at desc, w.id desc
            limit @limit
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("status", NpgsqlDbType.Text, status ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("after_at", NpgsqlDbType.TimestampTz, after?.At ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("after_id", NpgsqlDbType.Uuid, after is { } a && Guid.TryParse(a.Id, out var id) ? id : Guid.Empty);
        command.Parameters.AddWithValue("limit", NpgsqlDbType.Integer, limit + 1);
        var rows = new List<WorkoutSummary>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new WorkoutSummary(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.Nullable<DateTimeOffset>(4),
                reader.Nullable<Guid>(5),
                reader.GetInt32(6),
                reader.GetInt32(7),
                reader.GetDecimal(8),
                reader.GetInt32(9),
                reader.GetInt64(10)));
        }

        return rows.Count > limit
            ? new Page<WorkoutSummary>(rows[..limit], new KeysetCursor(rows[limit - 1].StartedAt, rows[limit - 1].Id.ToString()).Encode())
            : new Page<WorkoutSummary>(rows, null);
    }
}
