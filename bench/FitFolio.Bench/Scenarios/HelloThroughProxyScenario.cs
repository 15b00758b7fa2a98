using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Hello-world through the same proxy path as <see cref="MeThroughProxyScenario"/>'s proxied row:
/// HAProxy on the rehearsal's configuration (TLS 1.3, round robin, keep-alive) in front of three
/// hello-world servers, with the same wrk settings. The proxied /auth/me row's ratio target divides
/// by this row, so the proxy's own cost is in both sides of the ratio.
/// </summary>
internal sealed class HelloThroughProxyScenario : IScenario
{
    public const string Name = "Hello-world, TLS proxy over 3 servers";

    public string Id => "hello-proxy";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync();
        if (wrk is null)
        {
            return [ScenarioResult.Failed(Name, "wrk not found; apt-get install wrk")];
        }

        await using var stack = await HelloBehindProxy.StartAsync(servers: 3);
        var load = HelloWorldScenario.Load;
        var options = context.Options;
        BenchContext.Progress($"hello-world through HAProxy (TLS) over 3 servers: {WrkRounds.Plan(load, options)}");
        var proxy = stack.ProxyProcessId;
        var proxyCpu = TimeSpan.Zero;
        var measured = await WrkRounds.RunAsync(load, wrk, stack.Address, options, cpuClock: () =>
        {
            // Sampled at the same two moments as the servers' CPU: before and after the measured rounds.
            var now = ChildCpu.Of([proxy]);
            proxyCpu = now - proxyCpu;
            return ProcessCpu.Now();
        });
        var proxyPerRequest = proxyCpu / Math.Max(1, measured.Requests);
        return
        [
            new ScenarioResult(
                Name,
                measured.Median.RequestsPerSecond,
                "req/s",
                Latency: measured.Median.Latency,
                Notes: $"{load.Describe()} over TLS 1.3 to HAProxy 2.6 on the rehearsal's configuration (round robin, keep-alive) in front of 3 " +
                    $"hello-world Kestrel servers in the bench process; {Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}; " +
                    $"CPU: the bench process, plus {Format.Duration(proxyPerRequest)}/request in HAProxy",
                CpuPerOperation: measured.CpuPerRequest),
        ];
    }
}
