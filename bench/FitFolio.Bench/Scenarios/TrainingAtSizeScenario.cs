using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// One person with years of history (80,000 sets; 8,000 with <c>--quick</c>, the same rows) on a whole FitFolio
/// host: what reading records, an exercise's progress series and weekly muscle volume cost, and what logging
/// one more set costs, one request at a time. The targets are p95: records, progress and muscle volume
/// &lt;= 20 ms, a set &lt;= 10 ms. The history is written by SQL (<see cref="TrainingHistory"/>), so it has no
/// stored records: the first <c>GET /records</c> replays it once (the repair path), and its time is in the notes.
/// </summary>
internal sealed class TrainingAtSizeScenario : IScenario
{
    private const int SetsPerEntry = 8;

    public string Id => "records";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var connectionString = await context.DatabaseAsync();
        await using var host = await FitFolioHost.StartAsync(connectionString);
        var email = $"records-{Guid.NewGuid():N}@bench.example";
        var signedIn = await LinkSignIn.RunAsync(host, email);
        var sets = context.Options.Quick ? 8_000 : 80_000;
        var requests = context.Options.Quick ? 40 : 300;
        BenchContext.Progress($"training at size: writing {sets:N0} sets, then {requests} requests per row, one at a time");
        var written = Stopwatch.StartNew();
        var exercise = await TrainingHistory.WriteAsync(connectionString, signedIn.User.Id, sets);
        var writeTime = written.Elapsed;

        using var client = new HttpClient { BaseAddress = host.Address };
        client.DefaultRequestHeaders.Add("Cookie", $"ff_session={signedIn.SessionCookie}; ff_csrf={signedIn.CsrfCookie}");
        client.DefaultRequestHeaders.Add("X-CSRF-Token", signedIn.CsrfCookie);
        client.DefaultRequestHeaders.Add("Origin", FitFolioHost.Origin);
        var rebuild = Stopwatch.StartNew();
        await GetAsync(client, "/api/v1/training/records");
        var rebuildTime = rebuild.Elapsed;
        var size = $"{sets:N0} sets; history written in {Format.Duration(writeTime)}";

        var user = signedIn.User.Id;
        var recordsPlan = await QueryPlan.ExplainAsync(connectionString, "records", RecordsSql, user, exercise);
        var seriesPlan = await QueryPlan.ExplainAsync(connectionString, "progress series", SeriesSql, user, exercise);
        var volumePlan = await QueryPlan.ExplainAsync(connectionString, "muscle volume", VolumeSql, user, exercise);
        var warmUp = WarmUp.UntilJitIsQuiet(context.Options, [Environment.ProcessId]);
        var rows = new List<ScenarioResult>
        {
            await ReadRowAsync(client, warmUp, "GET /records, one person", "/api/v1/training/records", requests,
                $"{size}; the first read replayed it into stored records in {Format.Duration(rebuildTime)} (once); {Plan(recordsPlan)}"),
            await ReadRowAsync(client, warmUp, "GET exercise progress series", $"/api/v1/training/exercises/{exercise}/progress", requests,
                $"{size}; the exercise with the most sets ({sets / 24:N0}), every workout; {Plan(seriesPlan)}"),
            await ReadRowAsync(client, warmUp, "GET weekly muscle volume (12 weeks)", "/api/v1/training/progress/muscle-volume?weeks=12", requests,
                $"{size}; {Plan(volumePlan)}"),
        };

        // The plans again, warm (the rows' pages in shared buffers), beside the cold ones taken right after the history was
        // written: the statement's own time against the row's wall time.
        var warmPlans = new[]
        {
            await QueryPlan.ExplainAsync(connectionString, "records (warm)", RecordsSql, user, exercise),
            await QueryPlan.ExplainAsync(connectionString, "progress series (warm)", SeriesSql, user, exercise),
            await QueryPlan.ExplainAsync(connectionString, "muscle volume (warm)", VolumeSql, user, exercise),
        };
        rows = [.. rows.Select((row, i) => row with { Notes = row.Notes + string.Create(CultureInfo.InvariantCulture, $"; warm: {warmPlans[i]:0.00} ms") })];
        rows.Add(await LogRowAsync(client, requests, size));
        return rows;
    }

    // The statements of RecordKeeper.CurrentAsync and ProgressQueries, for EXPLAIN ANALYZE (UTC, the last 12 weeks).
    private const string RecordsSql =
        """
        select b.exercise_id, e.name, e.kind, b.state::text
        from record_books_ready r left join record_books b on b.user_id = r.user_id left join exercises e on e.id = b.exercise_id
        where r.user_id = @user
        """;

    // ExerciseSeries' whole series (no window), in UTC.
    private const string SeriesSql =
        """
        select w.started_at::date, w.id, a.reps, a.cents, a.total_reps, a.sets, (select kind from exercises where id = @exercise)
        from (
          select s.workout_id, array_agg(s.reps) filter (where s.reps > 0 and s.weight_kg is not null) as reps,
                 array_agg((round(s.weight_kg, 2) * 100)::int) filter (where s.reps > 0 and s.weight_kg is not null) as cents,
                 coalesce(sum(s.reps), 0)::int as total_reps, count(*)::int as sets
          from workout_sets s
          where s.user_id = @user and s.exercise_id = @exercise and s.set_type <> 'warmup'
          group by s.workout_id
        ) a join workouts w on w.id = a.workout_id
        where w.user_id = @user and w.status <> 'abandoned'
        order by w.started_at, w.id
        """;

    private const string VolumeSql =
        """
        with counted as (
          select date_trunc('week', w.started_at)::date as week_start, s.exercise_id, count(*) as sets,
                 sum(coalesce(s.weight_kg, 0) * coalesce(s.reps, 0)) as volume
          from workouts w join workout_sets s on s.workout_id = w.id
          where w.user_id = @user and w.status <> 'abandoned' and s.set_type <> 'warmup' and w.started_at >= now() - interval '85 days'
          group by 1, 2
        ), weighed as (
          select c.week_start, c.sets, case when e.kind = 'weight_reps' then c.volume else 0 end as volume, e.primary_muscles, e.secondary_muscles
          from counted c join exercises e on e.id = c.exercise_id
        ), shares as (
          select week_start, m as muscle, 1.0 as share, sets, volume from weighed, unnest(primary_muscles) m
          union all
          select week_start, m, 0.5, sets, volume from weighed, unnest(secondary_muscles) m
        )
        select week_start, muscle, sum(share * sets), round(sum(share * volume), 2) from shares group by week_start, muscle order by week_start, muscle
        """;

    private static string Plan(double ms) => string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: {ms:0.00} ms (EXPLAIN ANALYZE)");

    // A quarter as many requests as measured warmed a row up for 2-3 s, while this young process's tiered JIT was still
    // compiling (a profile of the whole progress series: half the process's CPU in the JIT thread, the rest largely in
    // unoptimised code), so CPU/op and p95 measured the warm-up, not the request (bench/README.md, fourth pass). As the
    // load rows do, the row is warmed until the JIT is quiet.
    private static async Task<ScenarioResult> ReadRowAsync(
        HttpClient client, WarmUp warmUp, string name, string path, int requests, string notes)
    {
        var warmedUp = await warmUp.RunAsync(async duration =>
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < requests / 4 || Stopwatch.GetElapsedTime(started) < duration; i++)
            {
                await GetAsync(client, path);
            }
        });

        var samples = new List<TimeSpan>(requests);
        var cpu = ProcessCpu.Now();
        for (var i = 0; i < requests; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await GetAsync(client, path);
            samples.Add(Stopwatch.GetElapsedTime(started));
        }

        var warm = string.Create(CultureInfo.InvariantCulture, $"; after {warmedUp.TotalSeconds:0} s of warm-up");
        return Row(name, samples, (ProcessCpu.Now() - cpu) / requests, 20, notes + warm);
    }

    private static async Task<ScenarioResult> LogRowAsync(HttpClient client, int requests, string notes)
    {
        var workout = await PostAsync(client, "/api/v1/training/workouts", new { name = "Bench" }, HttpStatusCode.Created);
        var workoutId = workout.GetProperty("id").GetString();
        // Built-in exercises' ids derive from their slug (sql/007_training.sql).
        var exerciseId = new Guid(System.Security.Cryptography.MD5.HashData("fitfolio-exercise:bench-press-barbell"u8), bigEndian: true);
        var path = "";
        var samples = new List<TimeSpan>(requests);
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < requests + (requests / 4); i++)
        {
            // A workout holds a few sets of an exercise, not hundreds: every 8 sets the bench press is added again (untimed), as a
            // second round of it would be, so each answer reads back the exercise entry's few sets, as in the gym.
            if (i % SetsPerEntry == 0)
            {
                var target = await PostAsync(client, $"/api/v1/training/workouts/{workoutId}/exercises", new { exerciseId }, HttpStatusCode.Created);
                path = $"/api/v1/training/workouts/{workoutId}/exercises/{target.GetProperty("id").GetString()}/sets";
            }

            var set = new { id = Guid.NewGuid(), weight = 60 + (i % 40), weightUnit = "kg", reps = 3 + (i % 10) };
            var cpuBefore = ProcessCpu.Now();
            var started = Stopwatch.GetTimestamp();
            await PostAsync(client, path, set, HttpStatusCode.Created);
            if (i >= requests / 4)
            {
                samples.Add(Stopwatch.GetElapsedTime(started));
                cpu += ProcessCpu.Now() - cpuBefore;
            }
        }

        return Row(
            "POST a set, one person", samples, cpu / requests, 10, notes + "; sets logged into today's workout, each after the last, 8 per exercise entry");
    }

    /// <summary>A row judged by p95; CPU/op is the bench process's (host and client; PostgreSQL's is not in it), the figure load moves least.</summary>
    private static ScenarioResult Row(string name, List<TimeSpan> samples, TimeSpan cpuPerRequest, double targetMs, string notes)
    {
        samples.Sort();
        TimeSpan At(double q) => samples[Math.Clamp((int)Math.Ceiling(q * samples.Count) - 1, 0, samples.Count - 1)];
        return new ScenarioResult(
            name, At(0.95).TotalMilliseconds, "ms p95", Target.AtMost(targetMs), new LatencySummary(At(0.50), At(0.99), samples.Count),
            string.Create(CultureInfo.InvariantCulture, $"{samples.Count} requests one at a time; {notes}"), cpuPerRequest);
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<System.Text.Json.JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }
}
