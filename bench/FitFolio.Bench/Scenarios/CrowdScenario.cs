using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Rehearsal;
using FitFolio.Seed;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// An evening at a gym chain on the production shape: the rehearsal's three FitFolio processes (one cluster) behind
/// HAProxy terminating TLS, 5,000 seeded people signed in (200 with <c>--quick</c>), each with a workout started, then a
/// mixed load at a fixed 1,000 requests a second in total (open loop, <see cref="OpenLoop"/>): session checks, sets
/// logged, today's workout and records read, and a few sign-ins. One row per operation, judged by p99 (50 ms, every
/// operation but sign-in), and one for the whole mix's throughput.
/// </summary>
internal sealed class CrowdScenario : IScenario
{
    public const int Rate = 1_000;

    /// <summary>The warm-up's rate: the mix at half the measured rate, so compiling the paths does not put the server behind.</summary>
    private const int WarmUpRate = Rate / 2;

    /// <summary>Connections to the proxy at most: at the rate and a 50 ms p99, about 50 requests are in flight; this many only when far behind.</summary>
    private const int MaxConnections = 1_024;
    private const string SessionCheck = "session check (GET /auth/me)";
    private const string LogSet = "log a set (POST .../sets)";
    private const string TodaysWorkout = "today's workout (GET /workouts/active)";
    private const string Records = "records (GET /records)";
    private const string SignIn = "sign-in (POST /auth/magic-link/start)";

    // The evening's mix, in percent: mostly pages checking the session, a set every few seconds per person training.
    private static readonly (string Operation, int Percent)[] Mix =
        [(SessionCheck, 50), (LogSet, 20), (TodaysWorkout, 15), (Records, 14), (SignIn, 1)];

    private int _resent;

    public string Id => "crowd";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var quick = context.Options.Quick;
        var people = quick ? 50 : 5_000;
        var measured = TimeSpan.FromSeconds(quick ? 2 : 30);
        var connectionString = await context.DatabaseAsync();
        var sessions = await SeededSessions.CreateAsync(connectionString, people, seed: 4_017);
        await using var stack = await RehearsalStack.StartAsync(new RehearsalOptions
        {
            ConnectionString = connectionString,
            RedisConnectionString = BenchRedis.ConnectionString,
            // As for me-proxy: every request comes from 127.0.0.1, so the per-client limits are raised (the counters still run).
            Settings = new Dictionary<string, string>
            {
                ["SessionCookie__Key"] = sessions.CookieKey,
                ["RateLimits__GlobalPerIp__Limit"] = "1000000",
                ["RateLimits__GlobalPerIp__Window"] = "00:00:01",
                ["RateLimits__GlobalPerAccount__Limit"] = "1000000",
                ["RateLimits__GlobalPerAccount__Window"] = "00:00:01",
                ["RateLimits__MagicLinkStartPerIp__Limit"] = "1000000",
                ["RateLimits__MagicLinkStartPerIp__Window"] = "00:00:01",
            },
        });
        var handler = stack.CreateHttpHandler();
        // HAProxy closes a client connection idle for 10 s (timeout http-keep-alive); a POST sent on it as it closes is not retried.
        handler.PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2);
        // An open loop against a server that has fallen behind would otherwise open one connection per request in flight:
        // about 18,000 sockets and "Out of memory." in this process at 1,000 req/s. Past the bound a request waits in the
        // client's queue, and that wait still counts, because latency runs from each request's due time.
        handler.MaxConnectionsPerServer = MaxConnections;
        using var client = new HttpClient(handler) { BaseAddress = stack.PublicOrigin, Timeout = TimeSpan.FromMinutes(2) };
        var origin = stack.PublicOrigin.GetLeftPart(UriPartial.Authority);
        var members = sessions.Seeded.People.Select(p => new Member(p, sessions.CookieOf(p))).ToList();

        BenchContext.Progress(
            $"crowd: {people:N0} people seeded in {sessions.Seeded.Elapsed.TotalSeconds:0.0} s; each signs in and starts a workout through the proxy");
        var arrival = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(members, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (member, _) =>
        {
            // The first request has no route: the proxy picks a silo, the person's grains are activated there, and the answer's
            // route cookie keeps this person's later requests on it, as a browser's are kept.
            member.Route = await ArriveAsync(client, member);
            var workout = await SendAsync(
                client, origin, member, HttpMethod.Post, "/api/v1/training/workouts", new { name = "Evening" }, HttpStatusCode.Created);
            var workoutId = workout.GetProperty("id").GetString();
            var entry = await SendAsync(
                client, origin, member, HttpMethod.Post, $"/api/v1/training/workouts/{workoutId}/exercises", new { exerciseId = BenchPress },
                HttpStatusCode.Created);
            member.SetsPath = $"/api/v1/training/workouts/{workoutId}/exercises/{entry.GetProperty("id").GetString()}/sets";
        });
        var arrivalTime = arrival.Elapsed;

        var signIns = 0;
        var random = new Random(4_017);
        var silos = stack.Silos.Select(s => s.ProcessId!.Value).ToList();
        var warmUp = WarmUp.UntilJitIsQuiet(context.Options, silos);
        // Enough for the longest warm-up and the measured run; a longer one would start the plan again.
        var plan = Plan(random, members.Count, (int)((WarmUpRate * warmUp.Max + Rate * measured).TotalSeconds) + 1);
        (string, Func<Task>) Next(int i)
        {
            var (operation, person) = plan[i % plan.Length];
            var member = members[person];
            return (operation, operation switch
            {
                SessionCheck => () => SendAsync(client, origin, member, HttpMethod.Get, "/api/v1/auth/me", null, HttpStatusCode.OK),
                LogSet => () => SendAsync(client, origin, member, HttpMethod.Post, member.SetsPath,
                    new { id = Guid.NewGuid(), weight = 60 + (i % 40), weightUnit = "kg", reps = 3 + (i % 10) }, HttpStatusCode.Created),
                TodaysWorkout => () => SendAsync(client, origin, member, HttpMethod.Get, "/api/v1/training/workouts/active", null, HttpStatusCode.OK),
                Records => () => SendAsync(client, origin, member, HttpMethod.Get, "/api/v1/training/records", null, HttpStatusCode.OK),
                // A sign-in asks for a link for an address not asked for in this run (each at most once: the per-address limits stay as in production).
                _ => () => SendAsync(client, origin, null, HttpMethod.Post, "/api/v1/auth/magic-link/start",
                    new { email = members[Interlocked.Increment(ref signIns) % members.Count].Person.Email }, HttpStatusCode.Accepted),
            });
        }

        BenchContext.Progress(
            $"crowd: arrival took {arrivalTime.TotalSeconds:0.0} s; the mix at {WarmUpRate:N0} req/s, {warmUp.Describe()}, then " +
                $"{Rate:N0} req/s open loop for {measured.TotalSeconds:0} s measured");
        // The arrival ran only the session check and starting a workout: the mix's other paths (sets, records, today's workout,
        // sign-in) met tier-0 code. Measured straight after a fixed 10 s at the full rate, the silos' tiered JIT took a third of
        // both cores 15 s in, the server fell behind and never caught up (p50 54 s). A silo in service has long compiled them.
        var offset = 0;
        var warmUpLost = new Dictionary<string, int>();
        var warmUpTook = await warmUp.RunAsync(async chunk =>
        {
            var start = offset;
            var warm = await OpenLoop.RunAsync(WarmUpRate, chunk, i => Next(start + i));
            offset += warm.Sent;
            Fail(warm, "warm-up", stack);
            foreach (var (operation, count) in warm.Lost)
            {
                warmUpLost[operation] = warmUpLost.GetValueOrDefault(operation) + count;
            }
        });
        var proxy = stack.ProxyProcessId!.Value;
        var silosCpu = ChildCpu.Of(silos);
        var proxyCpu = ChildCpu.Of([proxy]);
        var benchCpu = ProcessCpu.Now();
        var load = await OpenLoop.RunAsync(Rate, measured, i => Next(offset + i));
        silosCpu = ChildCpu.Of(silos) - silosCpu;
        proxyCpu = ChildCpu.Of([proxy]) - proxyCpu;
        benchCpu = ProcessCpu.Now() - benchCpu;
        Fail(load, "measured run", stack);

        var perRequest = silosCpu / load.Sent;
        var cpuNote = string.Create(CultureInfo.InvariantCulture,
            $"CPU/op: the 3 silos' over the whole mix / all requests (not split by operation), plus {Format.Duration(proxyCpu / load.Sent)} in HAProxy " +
                $"and {Format.Duration(benchCpu / load.Sent)} in this client");
        var rows = new List<ScenarioResult>
        {
            new(
                $"Crowd, 3 silos behind the TLS proxy: all requests ({people:N0} people)",
                load.Completed / load.Elapsed.TotalSeconds,
                "req/s",
                Target.AtLeast(0.95 * Rate),
                new LatencySummary(Percentile(load, null, 0.50), Percentile(load, null, 0.99), load.Completed),
                string.Create(CultureInfo.InvariantCulture,
                    $"open loop at {Rate:N0} req/s for {measured.TotalSeconds:0} s after {warmUpTook.TotalSeconds:0} s of the mix at {WarmUpRate:N0} req/s " +
                        $"(until the silos' JIT was quiet), " +
                        $"latency from each request's due time; at most {MaxConnections:N0} connections; " +
                        $"{load.LateStarts} sent > 10 ms late by this client; {_resent} re-sent once after their connection closed unanswered " +
                        $"(whole run); arrival (GET /auth/me, a workout started, an exercise added, 32 at a time) " +
                        $"took {arrivalTime.TotalSeconds:0.0} s; {cpuNote}"),
                perRequest),
        };
        foreach (var (operation, percent) in Mix)
        {
            var count = load.Latencies.TryGetValue(operation, out var latencies) ? latencies.Count : 0;
            rows.Add(new ScenarioResult(
                $"Crowd: {operation}",
                load.Percentile(operation, 0.99).TotalMilliseconds,
                "ms p99",
                operation == SignIn ? null : Target.AtMost(50),
                new LatencySummary(load.Percentile(operation, 0.50), load.Percentile(operation, 0.99), count),
                string.Create(CultureInfo.InvariantCulture,
                    $"{count / measured.TotalSeconds:0} req/s ({percent} % of the mix), {count:N0} sent, {load.Lost.GetValueOrDefault(operation)} lost " +
                        $"(warm-up: {warmUpLost.GetValueOrDefault(operation)})") +
                    (operation == SignIn ? "; answered once the link is queued (its mail goes out after)" : "")
                    + (operation == Records ? "; the crowd has no history (seeded without training): the at-size read is the records row" : ""),
                perRequest));
        }

        return rows;
    }

    // Built-in exercises' ids derive from their slug (sql/007_training.sql).
    private static readonly Guid BenchPress = new(MD5.HashData("fitfolio-exercise:bench-press-barbell"u8), bigEndian: true);

    private static (string Operation, int Person)[] Plan(Random random, int people, int count)
    {
        var plan = new (string, int)[count];
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var operation = Mix[^1].Operation;
            foreach (var (name, percent) in Mix)
            {
                if (roll < percent)
                {
                    operation = name;
                    break;
                }

                roll -= percent;
            }

            plan[i] = (operation, random.Next(people));
        }

        return plan;
    }

    private static TimeSpan Percentile(OpenLoopResult result, string? operation, double quantile)
    {
        if (operation is not null)
        {
            return result.Percentile(operation, quantile);
        }

        var all = result.Latencies.Values.SelectMany(l => l).Order().ToList();
        return all.Count == 0 ? TimeSpan.Zero : all[Math.Clamp((int)Math.Ceiling(quantile * all.Count) - 1, 0, all.Count - 1)];
    }

    private static void Fail(OpenLoopResult result, string phase, RehearsalStack stack)
    {
        if (result.Failed > 0)
        {
            // The proxy logs errors only (option dontlog-normal): its log and the silos' say who cut a request.
            Console.Error.WriteLine(stack.DescribeLogs(40));
            throw new InvalidOperationException(
                $"{result.Failed} of {result.Sent} requests failed in the {phase} " +
                    $"({string.Join(", ", result.Failures.Select(f => $"{f.Key}: {f.Value}"))}); first: {result.FirstError}");
        }
    }

    /// <summary>
    /// One request; a request whose connection closed before any answer came back is sent again once, as a browser re-sends a
    /// request cut by a keep-alive connection's close (counted in the notes; the latency still runs from the first due time).
    /// A set keeps its id, so a re-sent set the server had already stored answers 409 and is taken as logged.
    /// </summary>
    private async Task<JsonElement> SendAsync(
        HttpClient client, string origin, Member? member, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        try
        {
            return await SendOnceAsync(client, origin, member, method, path, body, expected, retried: false);
        }
        catch (HttpRequestException exception) when (Unanswered.Is(exception))
        {
            Interlocked.Increment(ref _resent);
            return await SendOnceAsync(client, origin, member, method, path, body, expected, retried: true);
        }
    }

    private static async Task<JsonElement> SendOnceAsync(
        HttpClient client, string origin, Member? member, HttpMethod method, string path, object? body, HttpStatusCode expected, bool retried)
    {
        using var request = new HttpRequestMessage(method, path);
        // The CSRF check is a double submit: any 43-character token, sent as the cookie and the header, passes it.
        request.Headers.Add("Cookie", member is null
            ? $"__Host-ff_csrf={Csrf}"
            : $"__Host-ff_session={member.Cookie}; __Host-ff_csrf={Csrf}" + (member.Route is null ? "" : $"; {member.Route}"));
        if (body is not null)
        {
            // With its length, as a browser's fetch sends it: JsonContent streams chunked, and a chunked body read late under load
            // is what Kestrel's minimum body data rate cuts (the POSTs, never the GETs, ended unanswered at load average 60-90).
            request.Content = new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
            request.Headers.Add("X-CSRF-Token", Csrf);
            request.Headers.Add("Origin", origin);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected && !(retried && expected == HttpStatusCode.Created && response.StatusCode == HttpStatusCode.Conflict))
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
        }

        return text.Length > 0 && text[0] == '{' ? JsonSerializer.Deserialize<JsonElement>(text) : default;
    }

    /// <summary><see cref="ProxyRoute.ArriveAsync"/>, re-sent once as <see cref="SendAsync"/> re-sends.</summary>
    private async Task<string> ArriveAsync(HttpClient client, Member member)
    {
        try
        {
            return await ProxyRoute.ArriveAsync(client, member.Cookie);
        }
        catch (HttpRequestException exception) when (Unanswered.Is(exception))
        {
            Interlocked.Increment(ref _resent);
            return await ProxyRoute.ArriveAsync(client, member.Cookie);
        }
    }

    private const string Csrf = "crowd-bench-csrf-token-0123456789abcdefghij";

    private sealed class Member(SeededPerson person, string cookie)
    {
        public SeededPerson Person { get; } = person;

        public string Cookie { get; } = cookie;

        public string SetsPath { get; set; } = "";

        /// <summary>The proxy's route cookie (<c>name=value</c>) from this person's first answer.</summary>
        public string? Route { get; set; }
    }
}
