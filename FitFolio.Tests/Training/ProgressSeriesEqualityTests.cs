using System.Globalization;
using System.Net;
using System.Text.Json;
using FitFolio.Grains.Training;
using FitFolio.Tests.Infrastructure;
using NpgsqlTypes;
using static FitFolio.Tests.Training.TrainingTestData;

namespace FitFolio.Tests.Training;

/// <summary>
/// The progress series as SQL groups it per workout (<c>ExerciseSeries</c>) against the per-set computation it replaced,
/// kept here as the oracle: on a generated history with the loads where decimal Epley and exact arithmetic part in the last
/// cent (1.65 kg × 1 rep is 1.70, exactly 1.705), pounds, half-cent loads, reps 0 to 15 and none, warm-ups, abandoned
/// workouts, workouts either side of midnight read in zones 12 hours behind and 14 ahead, and an exercise that is not weighed.
/// Every field must be the same text in the answer, scale included (100.00 is not 100).
/// </summary>
public sealed class ProgressSeriesEqualityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const int Workouts = 160;

    private static readonly decimal[] Loads =
        [1.65m, 1.95m, 2.25m, 4.35m, 1999.95m, 1999.65m, 20.4117m, 102.0582m, 100.005m, 62.5m, 0m, 0.025m, 57.4999m, 3.45m, 1.65m];

    [Fact]
    public async Task The_series_grouped_per_workout_equals_the_per_set_computation_it_replaced()
    {
        using var client = await api.SignedInClientAsync("series-equality@example.com");
        var userId = Guid.Parse(await client.UserIdAsync());
        await WriteHistoryAsync(userId);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        (DateOnly? From, DateOnly? To)[] windows =
            [(null, null), (today.AddDays(-40), null), (null, today.AddDays(-90)), (today.AddDays(-70), today.AddDays(-20))];
        var compared = 0;
        foreach (var exercise in new[] { Exercise("bench-press-barbell"), Exercise("pull-up") })
        {
            foreach (var zone in new[] { "UTC", "Etc/GMT+12", "Pacific/Kiritimati", "Europe/Berlin" })
            {
                foreach (var (from, to) in windows)
                {
                    var query = $"tz={Uri.EscapeDataString(zone)}" + (from is { } f ? $"&from={f:yyyy-MM-dd}" : "")
                        + (to is { } t ? $"&to={t:yyyy-MM-dd}" : "");
                    var response = await client.GetAsync($"{Base}/exercises/{exercise}/progress?{query}");
                    Assert.Equal(HttpStatusCode.OK, response.Status);
                    var actual = response.Body.GetProperty("items").EnumerateArray().Select(Text).ToList();
                    var expected = (await PerSetSeriesAsync(userId, exercise, from, to, zone)).Select(Text).ToList();
                    Assert.NotEmpty(expected);
                    Assert.True(
                        expected.SequenceEqual(actual),
                        $"{exercise} {query}\n  per set: {string.Join("\n    ", expected)}\n  grouped: {string.Join("\n    ", actual)}");
                    compared += expected.Count;
                }
            }
        }

        Assert.True(compared > 1_000, $"only {compared} points compared");
    }

    private static string Text(JsonElement point) => string.Join('|',
        point.GetProperty("date").GetString(), point.GetProperty("workoutId").GetString(), point.GetProperty("bestE1rmKg").GetRawText(),
        point.GetProperty("bestWeightKg").GetRawText(), point.GetProperty("volumeKg").GetRawText(), point.GetProperty("totalReps").GetRawText(),
        point.GetProperty("sets").GetRawText());

    private static string Text(ExerciseProgressPoint point) => string.Join('|',
        point.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), point.WorkoutId, Json(point.BestE1rmKg), Json(point.BestWeightKg),
        Json(point.VolumeKg), point.TotalReps, point.Sets);

    private static string Json(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "null";

    /// <summary>
    /// A workout a day at a different hour (some just before or after midnight UTC), every eleventh abandoned, each with the
    /// bench press and pull-ups, 1 to 8 sets of each cycling through the set types, reps and <see cref="Loads"/>, a few unweighed.
    /// </summary>
    private async Task WriteHistoryAsync(Guid userId)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            """
            insert into workouts (id, user_id, name, status, started_at, ended_at)
            select md5(@user::text || ':w' || i)::uuid, @user, 'W' || i, case when i % 11 = 0 then 'abandoned' else 'finished' end,
                   date_trunc('day', now()) - i * interval '1 day' + ((i * 7) % 24) * interval '1 hour' + ((i * 13) % 60) * interval '1 minute',
                   date_trunc('day', now()) - i * interval '1 day' + ((i * 7) % 24 + 1) * interval '1 hour'
            from generate_series(1, @workouts) i;
            insert into workout_exercises (id, workout_id, user_id, position, exercise_id)
            select md5(@user::text || ':e' || i || ':' || p)::uuid, md5(@user::text || ':w' || i)::uuid, @user, p, (@exercises::uuid[])[p]
            from generate_series(1, @workouts) i, generate_series(1, 2) p;
            insert into workout_sets (id, user_id, workout_id, workout_exercise_id, exercise_id, position, set_type, reps, weight, weight_unit, weight_kg,
                                      completed_at)
            select md5(@user::text || ':s' || i || ':' || p || ':' || k)::uuid, @user, md5(@user::text || ':w' || i)::uuid,
                   md5(@user::text || ':e' || i || ':' || p)::uuid, (@exercises::uuid[])[p], k,
                   (array['warmup', 'working', 'working', 'drop', 'failure'])[(i + k) % 5 + 1], nullif((i * 5 + k * 3) % 17, 16),
                   round(x.kg, 2), case when x.kg is not null then 'kg' end, x.kg, now() - i * interval '1 day'
            from generate_series(1, @workouts) i, generate_series(1, 2) p, generate_series(1, 1 + i % 8) k
            cross join lateral (select case when (i + k + p) % 13 <> 0 then (@loads::numeric[])[(i * 3 + k) % 15 + 1] end as kg) x;
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("workouts", Workouts);
        command.Parameters.AddWithValue("exercises", new[] { Exercise("bench-press-barbell"), Exercise("pull-up") });
        command.Parameters.AddWithValue("loads", Loads);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The series as it was computed until 2026-12-07: every set read, then grouped and summed in C#.</summary>
    private async Task<List<ExerciseProgressPoint>> PerSetSeriesAsync(Guid userId, Guid exerciseId, DateOnly? from, DateOnly? to, string zone)
    {
        await using var command = api.Database.DataSource.CreateCommand(
            """
            select (w.started_at at time zone @zone)::date, w.id, s.set_type, s.reps, s.weight_kg, e.kind
            from workout_sets s join workouts w on w.id = s.workout_id join exercises e on e.id = s.exercise_id
            where s.user_id = @user and s.exercise_id = @exercise and w.status <> 'abandoned' and s.set_type <> 'warmup'
              and (@from is null or (w.started_at at time zone @zone)::date >= @from)
              and (@to is null or (w.started_at at time zone @zone)::date <= @to)
            order by w.started_at, w.id
            """);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("exercise", exerciseId);
        command.Parameters.AddWithValue("zone", NpgsqlDbType.Text, zone);
        command.Parameters.AddWithValue("from", NpgsqlDbType.Date, from ?? (object)DBNull.Value);
        command.Parameters.AddWithValue("to", NpgsqlDbType.Date, to ?? (object)DBNull.Value);
        var rows = new List<(DateOnly Date, Guid Workout, int? Reps, decimal? Kg, string Kind)>();
        await using (var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken))
        {
            while (await reader.ReadAsync(TestContext.Current.CancellationToken))
            {
                rows.Add((reader.GetFieldValue<DateOnly>(0), reader.GetGuid(1), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetString(5)));
            }
        }

        return [.. rows.GroupBy(r => r.Workout).Select(g =>
        {
            var weighted = g.Where(r => r.Kind == ExerciseKind.WeightReps && r.Kg is not null && r.Reps is > 0)
                .Select(r => (Kg: Math.Round(r.Kg!.Value, 2, MidpointRounding.AwayFromZero), Reps: r.Reps!.Value)).ToList();
            return new ExerciseProgressPoint(
                g.First().Date, g.Key,
                weighted.Select(r => Epley.OneRepMax(r.Kg, r.Reps)).Max(),
                weighted.Count == 0 ? null : weighted.Max(r => r.Kg),
                weighted.Sum(r => Math.Round(r.Kg * r.Reps, 2, MidpointRounding.AwayFromZero)),
                g.Sum(r => r.Reps ?? 0),
                g.Count());
        })];
    }
}
