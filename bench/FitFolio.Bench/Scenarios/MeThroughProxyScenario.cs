using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using FitFolio.Rehearsal;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// <c>GET /api/v1/auth/me</c> as production serves it: the rehearsal's HAProxy terminating TLS in
/// front of 3 FitFolio processes (one cluster), next to one of those same processes reached directly
/// over plain HTTP, in the same run and with the same session and wrk settings as <see cref="MeScenario"/>.
/// Through the proxy, two requests in three land on a silo that does not hold the session's user
/// grain (nor, as often, the rate-limit grain), so they pay a call to another silo process; the
/// direct row shows the silo process alone. CPU/op is the silos' (and, in the notes, HAProxy's), read from /proc.
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
        await using var stack = await RehearsalStack.StartAsync(new RehearsalOptions
        {
            ConnectionString = await context.DatabaseAsync(),
            RedisConnectionString = BenchRedis.ConnectionString,
            // As FitFolioHost does for the in-process rows: wrk's requests all come from 127.0.0.1.
            Settings = new Dictionary<string, string>
            {
                ["RateLimits__GlobalPerIp__Limit"] = "1000000",
                ["RateLimits__GlobalPerIp__Window"] = "00:00:01",
                ["RateLimits__GlobalPerAccount__Limit"] = "1000000",
                ["RateLimits__GlobalPerAccount__Window"] = "00:00:01",
                ["RateLimits__MagicLinkStartPerIp__Limit"] = "1000",
            },
        });
        var cookie = await ProxySignIn.CookieHeaderAsync(stack, "me-proxy-bench@fitfolio.example");
        var request = new WrkRequest([cookie]);
        var load = HelloWorldScenario.Load;
        var options = context.Options;
        var silos = stack.Silos.Select(s => s.ProcessId!.Value).ToList();
        var proxy = stack.ProxyProcessId!.Value;
        BenchContext.Progress(
            $"/auth/me through HAProxy (TLS) over {silos.Count} silo processes, then one of them directly; {WrkRounds.Plan(load, options, WrkRounds.HostWarmUp(options, [.. silos]))} each");

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
                Notes: $"{load.Describe()}, plain HTTP to silo1 of the rehearsal (its own process; 3-silo cluster, grains on all three), every response " +
                    $"200; {Spread.Describe(directRounds.Rounds.Select(r => r.RequestsPerSecond))}; CPU: that process; after " +
                        $"{directRounds.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: directRounds.CpuPerRequest),
            new ScenarioResult(
                ProxiedName,
                proxiedRounds.Median.RequestsPerSecond,
                "req/s",
                Latency: proxiedRounds.Median.Latency,
                Notes: $"{load.Describe()} over TLS 1.3 to HAProxy 2.6 (round robin, keep-alive to the silos), every response 200; " +
                    $"{Spread.Describe(proxiedRounds.Rounds.Select(r => r.RequestsPerSecond))}; CPU: the 3 silos, plus " +
                        $"{Format.Duration(proxyPerRequest)}/request in HAProxy; after {proxiedRounds.WarmUp.TotalSeconds:0} s of warm-up",
                CpuPerOperation: proxiedRounds.CpuPerRequest,
                Ratios: [new RatioTarget(HelloThroughProxyScenario.Name, "hello via the proxy", 0.5)]),
        ];
    }
}
