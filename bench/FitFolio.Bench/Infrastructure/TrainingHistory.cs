using Npgsql;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// Years of training for one person, written by SQL in one statement per table (no request per set), the same
/// for every run: a workout a day going back from yesterday, 8 exercises of 24 catalog ones in rotation, a
/// warm-up and 8 working sets each with loads in 2.5 kg plate steps slowly rising and reps cycling 3-12, so records are still set
/// years in. Ids derive from the person and the position, so nothing is random. The sets are written workout by workout, as a
/// person logs them: without the order, PostgreSQL's join wrote each workout's sets across ~70 heap pages, which no real history does
/// (and which made the planner prefer scanning the whole table for muscle volume).
/// </summary>
internal static class TrainingHistory
{
    public const int ExercisesPerWorkout = 8;
    public const int SetsPerExercise = 9;

    /// <summary>Writes about <paramref name="sets"/> sets (whole workouts) for <paramref name="userId"/>; returns the exercise the most sets use.</summary>
    public static async Task<Guid> WriteAsync(string connectionString, Guid userId, int sets)
    {
        var workouts = (sets + (ExercisesPerWorkout * SetsPerExercise) - 1) / (ExercisesPerWorkout * SetsPerExercise);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            """
            create temp table bench_catalog on commit drop as
              select id, (row_number() over (order by slug))::int - 1 as n from exercises where user_id is null and kind = 'weight_reps' order by slug limit 24;
            insert into workouts (id, user_id, name, status, started_at, ended_at)
            select md5(@user::text || ':w' || i)::uuid, @user, 'Day ' || i, 'finished',
                   date_trunc('day', now()) - (@workouts - i + 1) * interval '1 day' + interval '18 hours',
                   date_trunc('day', now()) - (@workouts - i + 1) * interval '1 day' + interval '19 hours'
            from generate_series(1, @workouts) i;
            insert into workout_exercises (id, workout_id, user_id, position, exercise_id)
            select md5(@user::text || ':e' || i || ':' || p)::uuid, md5(@user::text || ':w' || i)::uuid, @user, p, c.id
            from generate_series(1, @workouts) i, generate_series(1, @per_workout) p
            join bench_catalog c on true where c.n = (i * 3 + p) % 24;
            insert into workout_sets (id, user_id, workout_id, workout_exercise_id, exercise_id, position, set_type, reps, weight, weight_unit, weight_kg,
                                      completed_at)
            select md5(@user::text || ':s' || i || ':' || p || ':' || k)::uuid, @user, md5(@user::text || ':w' || i)::uuid,
                   md5(@user::text || ':e' || i || ':' || p)::uuid, c.id, k, case when k = 1 then 'warmup' else 'working' end,
                   3 + (i + k) % 10, l.kg, 'kg', l.kg,
                   date_trunc('day', now()) - (@workouts - i + 1) * interval '1 day' + interval '18 hours' + (p * 9 + k) * interval '1 minute'
            from generate_series(1, @workouts) i, generate_series(1, @per_workout) p, generate_series(1, @per_exercise) k
            join bench_catalog c on true
            cross join lateral (select round((20 + c.n * 2 + i * 0.05 + (k % 4) * 2.5 - case when k = 1 then 10 else 0 end)::numeric / 2.5) * 2.5 as kg) l
            where c.n = (i * 3 + p) % 24
            order by i, p, k;
            """, connection, transaction);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("workouts", workouts);
        command.Parameters.AddWithValue("per_workout", ExercisesPerWorkout);
        command.Parameters.AddWithValue("per_exercise", SetsPerExercise);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        // What autovacuum does soon after a bulk write: statistics, and the visibility map that lets the reads use index-only scans.
        await using (var vacuum = dataSource.CreateCommand("vacuum (analyze) workouts, workout_exercises, workout_sets"))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        await using var most = dataSource.CreateCommand(
            "select exercise_id from workout_sets where user_id = @user group by exercise_id order by count(*) desc, exercise_id limit 1");
        most.Parameters.AddWithValue("user", userId);
        return (Guid)(await most.ExecuteScalarAsync())!;
    }
}
