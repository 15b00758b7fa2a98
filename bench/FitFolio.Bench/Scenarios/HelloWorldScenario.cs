using System.Net;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// The ceiling this machine puts on any HTTP figure: a minimal API returning "hello" over plain
/// HTTP/1.1 keep-alive, driven by wrk. Server and wrk share the cores, as every other scenario does.
/// </summary>
internal sealed class HelloWorldScenario : IScenario
{
    // One wrk thread leaves the other core to Kestrel; 64 keep-alive connections keep both busy.
    private static readonly WrkLoadGenerator Load = new(threads: 1, connections: 64);

    public string Id => "hello";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var wrk = await WrkLoadGenerator.FindOrInstallAsync();
        if (wrk is null)
        {
            return [ScenarioResult.Failed(ResultTable.HelloWorld, "wrk not found; apt-get install wrk")];
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        await using var app = builder.Build();
        app.MapGet("/", () => "hello");
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

        var options = context.Options;
        BenchContext.Progress($"hello-world: warm-up {options.WarmUp.TotalSeconds} s, then {options.Rounds} x {options.Round.TotalSeconds} s with {Load.Describe()}");
        await Load.RunAsync(wrk, url, options.WarmUp);
        var rounds = new List<WrkResult>();
        var cpu = ProcessCpu.Now();
        for (var i = 0; i < options.Rounds; i++)
        {
            rounds.Add(await Load.RunAsync(wrk, url, options.Round));
        }

        cpu = ProcessCpu.Now() - cpu;

        await app.StopAsync();
        var median = rounds.OrderBy(r => r.RequestsPerSecond).ElementAt(rounds.Count / 2);
        return
        [
            new ScenarioResult(
                ResultTable.HelloWorld,
                median.RequestsPerSecond,
                "req/s",
                Latency: median.Latency,
                Notes: $"{Load.Describe()}, HTTP/1.1; {Spread.Describe(rounds.Select(r => r.RequestsPerSecond))}; server CPU only",
                CpuPerOperation: cpu / Math.Max(1, rounds.Sum(r => r.Requests))),
        ];
    }
}
