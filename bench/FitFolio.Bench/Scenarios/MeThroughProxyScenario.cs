using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Rehearsal;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/auth/me</c> as production serves it: the rehearsal's HAProxy terminating TLS in front of 3 FitFolio
/// processes (one cluster), next to one of those same processes reached directly over plain HTTP, in the same run and
/// with the same wrk settings as <see cref="MeScenario"/>. The requests rotate over 1,000 seeded people's sessions (100
/// with <c>--quick</c>), as a crowd's do: the proxy keeps each browser on the silo it first reached (its route cookie),
/// so with one session every request would reach one silo, and the row would not measure three. Through the proxy a
/// person's user grain is on the silo the proxy sends them to (placed there by their first request); the direct row
/// sends every person to silo1, so two in three of its session checks cross to the silo holding the grain.
/// CPU/op is the silos' (and, in the notes, HAProxy's), read from /proc.
/// </summary>
internal sealed class MeThroughProxyScenario : IScenario
{
    public const string DirectName = "GET /auth/me, one silo process, direct";
    public const string ProxiedName = "GET /auth/me, TLS proxy over 3 silos";

    public string Id => "me-proxy";

    /// <summary>The proxied row is judged against hello-world through the same proxy, measured in the same run.</summary>
    public IReadOnlyList<string> Baselines => ["hello-proxy"];

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync() ?? throw new InvalidOperationException("wrk not found; apt-get install wrk");
        var people = context.Options.Quick ? 100 : 1_000;
        var connectionString = await context.DatabaseAsync();
        var sessions = await SeededSessions.CreateAsync(connectionString, people, seed: 4_023);
        await using var stack = await RehearsalStack.StartAsync(new RehearsalOptions
        {
            ConnectionString = connectionString,
            RedisConnectionString = BenchRedis.ConnectionString,
            // As FitFolioHost does for the in-process rows: wrk's requests all come from 127.0.0.1.
            Settings = new Dictionary<string, string>
            {
                ["SessionCookie__Key"] = sessions.CookieKey,
                ["RateLimits__GlobalPerIp__Limit"] = "1000000",
                ["RateLimits__GlobalPerIp__Window"] = "00:00:01",
                ["RateLimits__GlobalPerAccount__Limit"] = "1000000",
                ["RateLimits__GlobalPerAccount__Window"] = "00:00:01",
                ["RateLimits__MagicLinkStartPerIp__Limit"] = "1000",
            },
        });
        // Every person's first request through the proxy activates their user grain on the silo it reaches, and the
        // proxy's answer names that silo in its route cookie, which the person's requests carry from then on.
        var headers = await ArriveAsync(stack, [.. sessions.Seeded.People.Select(sessions.CookieOf)]);
        var script = RotatingCookieScript.Write("me-proxy", headers);
        try
        {
            return await MeasureAsync(context, wrk, stack, new WrkRequest([], script), people);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(
        BenchContext context, string wrk, RehearsalStack stack, WrkRequest request, int people)
    {
        var load = HelloWorldScenario.Load;
        var options = context.Options;
        var silos = stack.Silos.Select(s => s.ProcessId!.Value).ToList();
        var proxy = stack.ProxyProcessId!.Value;
        BenchContext.Progress(
            $"/auth/me for {people:N0} people through HAProxy (TLS) over {silos.Count} silo processes, then one of them directly; {WrkRounds.Plan(load, options, WrkRounds.HostWarmUp(options, [.. silos]))} each");

        // Through the proxy first, so every silo's request and silo-to-silo paths are past tier-0 JIT before
        // either row is measured (the direct row alone leaves the grains' silos' receiving paths cold).
        await WrkRounds.HostWarmUp(options, [.. silos])
            .RunAsync(duration => load.RunAsync(wrk, new Uri(stack.PublicOrigin, "/api/v1/auth/me"), duration, request));
        var direct = stack.Silos[0];
        var directRounds = await WrkRounds.RunAsync(
            load,
            wrk,
            new Uri(direct.Address, "/api/v1/auth/me"),
            options,
            () => request,
            WrkRounds.HostWarmUp(options, direct.ProcessId!.Value),
            () => ChildCpu.Of([direct.ProcessId!.Value]));
        var proxyCpu = TimeSpan.Zero;
        var proxiedRounds = await WrkRounds.RunAsync(load, wrk, new Uri(
            stack.PublicOrigin, "/api/v1/auth/me"), options, () => request, WrkRounds.HostWarmUp(options, [.. silos]), () =>
        {
            // Sampled at the same two moments as the silos' CPU: before and after the measured rounds.
            var now = ChildCpu.Of([proxy]);
            proxyCpu = now - proxyCpu;
            return ChildCpu.Of(silos);
        });
        var proxyPerRequest = proxyCpu / Math.Max(1, proxiedRounds.Requests);

        return
        [
            new ScenarioResult(
                DirectName,
                directRounds.Median.RequestsPerSecond,
                "req/s",
                Latency: directRounds.Median.Latency,
                Notes: $"{load.Describe()}, plain HTTP to silo1 of the rehearsal (its own process; 3-silo cluster), " +
                    $"each request the next of {people:N0} sessions (their grains on all three silos), every response " +
                    $"200; {Spread.Describe(directRounds.Rounds.Select(r => r.RequestsPerSecond))}; CPU: that process; after " +
                        $"{directRounds.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: directRounds.CpuPerRequest),
            new ScenarioResult(
                ProxiedName,
                proxiedRounds.Median.RequestsPerSecond,
                "req/s",
                Latency: proxiedRounds.Median.Latency,
                Notes: $"{load.Describe()} over TLS 1.3 to HAProxy 2.6 (each person kept on the silo of their route cookie, keep-alive), each request " +
                    $"the next of {people:N0} sessions, every response 200; " +
                    $"{Spread.Describe(proxiedRounds.Rounds.Select(r => r.RequestsPerSecond))}; CPU: the 3 silos, plus " +
                        $"{Format.Duration(proxyPerRequest)}/request in HAProxy; after {proxiedRounds.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: proxiedRounds.CpuPerRequest,
                Ratios: [new RatioTarget(HelloThroughProxyScenario.Name, "hello via the proxy", 0.5)]),
        ];
    }

    /// <summary>Each session's first request through the proxy; returns each one's Cookie header with the route it was given.</summary>
    private static async Task<string[]> ArriveAsync(RehearsalStack stack, IReadOnlyList<string> sessions)
    {
        using var client = new HttpClient(stack.CreateHttpHandler()) { BaseAddress = stack.PublicOrigin };
        var headers = new string[sessions.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, sessions.Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancellationToken) =>
            headers[i] = $"__Host-ff_session={sessions[i]}; {await ProxyRoute.ArriveAsync(client, sessions[i], cancellationToken)}");
        return headers;
    }
}
