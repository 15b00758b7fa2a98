using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using Microsoft.AspNetCore.Builder;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// The ceiling this machine puts on any HTTP figure: a minimal API returning "hello" over plain
/// HTTP/1.1 keep-alive, driven by wrk. Server and wrk share the cores, as every other scenario does.
/// </summary>
internal sealed class HelloWorldScenario : IScenario
{
    /// <summary>
    /// One wrk thread leaves the other core to Kestrel; 64 keep-alive connections keep both busy. Every HTTP row uses this, so ratios compare like with like.
    /// </summary>
    public static readonly WrkLoadGenerator Load = new(threads: 1, connections: 64);

    public string Id => "hello";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync();
        if (wrk is null)
        {
            return [ScenarioResult.Failed(ResultTable.HelloWorld, "wrk not found; apt-get install wrk")];
        }

        var builder = LoopbackServer.CreateBuilder();
        await using var app = builder.Build();
        app.MapGet("/", () => "hello");
        await app.StartAsync();
        var url = ListenAddress.Of(app);

        var options = context.Options;
        BenchContext.Progress($"hello-world: {WrkRounds.Plan(Load, options)}");
        var measured = await WrkRounds.RunAsync(Load, wrk, url, options);
        await app.StopAsync();
        return
        [
            new ScenarioResult(
                ResultTable.HelloWorld,
                measured.Median.RequestsPerSecond,
                "req/s",
                Latency: measured.Median.Latency,
                Notes: $"{Load.Describe()}, HTTP/1.1; {Spread.Describe(measured.Rounds.Select(r => r.RequestsPerSecond))}; server CPU only",
                CpuPerOperation: measured.CpuPerRequest),
        ];
    }
}
