using System.Diagnostics;
using FitFolio.Bench.Grains;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Calls made on silo A to grains activated on silo B, so every call crosses Orleans' silo-to-silo
/// TCP connection (its binary serializer, inside the mutual TLS ./fitfolio bench configures). The grains prefer local placement, so B's own
/// first call places each of them on B. Both silos run in this process, each its own Generic Host
/// and silo port, as TestingHost runs them: one process means the cores are shared exactly as they
/// would be by two silo processes on this machine, without a second runtime's JIT and GC.
/// </summary>
internal sealed class CrossSiloCallsScenario : IScenario
{
    private const int Grains = 10_000;

    /// <summary>Outstanding calls: enough that the two silos, not the callers, are the bottleneck.</summary>
    private const int Concurrency = 256;

    public string Id => "cross-silo";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        var cluster = BenchSilo.NewClusterId();
        await using var siloA = await BenchSilo.StartAsync(cluster, await context.DatabaseAsync());
        await using var siloB = await BenchSilo.StartAsync(cluster, await context.DatabaseAsync());
        await siloA.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(30));
        await siloB.WaitForActiveSilosAsync(2, TimeSpan.FromSeconds(30));

        var keys = GrainKeys.Sequential("cross-", Grains);
        await Task.WhenAll(keys.Select(key => siloB.Grains.GetGrain<IPingGrain>(key).Ping()));
        var grains = keys.Select(key => siloA.Grains.GetGrain<IPingGrain>(key)).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping()));
        var (onA, onB) = (await siloA.ActivationCountAsync<PingGrain>(), await siloB.ActivationCountAsync<PingGrain>());
        if (onB != Grains || onA != 0)
        {
            throw new InvalidOperationException($"Placement is not as chosen: A holds {onA}, B holds {onB} ping activations.");
        }

        var options = context.Options;
        var warmUp = WarmUp.UntilJitIsQuiet(options, [Environment.ProcessId]);
        BenchContext.Progress(
            $"cross-silo calls: {Grains:N0} grains on B called from A, {Concurrency} concurrent, {warmUp.Describe()}, then {options.Rounds} x {options.Round.TotalSeconds} s");
        ClosedLoop.Worker saturating = (index, stop, latency) => CallLoopAsync(grains, index, Concurrency, stop, latency);
        var warmedUp = await warmUp.RunAsync(duration => ClosedLoop.RunAsync(Concurrency, duration, saturating));
        var rounds = await ClosedLoop.RunRoundsAsync(options.Rounds, Concurrency, options.Round, saturating);
        var median = rounds[rounds.Count / 2];

        // One caller alone: the latency of a cross-silo call when nothing queues.
        BenchContext.Progress($"cross-silo calls: 1 caller for {options.Round.TotalSeconds} s");
        var single = await ClosedLoop.RunAsync(1, options.Round, (index, stop, latency) => CallLoopAsync(grains, index, 1, stop, latency));

        return
        [
            new ScenarioResult(
                "Cross-silo calls (A -> B, 2 silos in-process)",
                median.PerSecond,
                "calls/s",
                // Issue 15: twice the old runtime's best (61,000), with silo-to-silo mutual TLS on as in production.
                Target.AtLeast(120_000),
                median.Latency,
                $"{Concurrency} concurrent callers; {Format.Number(median.AllocatedPerOperation)} B allocated/call; both silos' CPU; {Spread.Describe(rounds.Select(r => r.PerSecond))}; after {warmedUp.TotalSeconds:0} s of warm-up",
                median.CpuPerOperation),
            new ScenarioResult(
                "Cross-silo call, 1 caller (unloaded latency)",
                single.PerSecond,
                "calls/s",
                Latency: single.Latency,
                Notes: "sequential calls, nothing queued",
                CpuPerOperation: single.CpuPerOperation),
        ];
    }

    private static async Task<long> CallLoopAsync(IPingGrain[] grains, int worker, int workers, StopFlag stop, LatencyRecorder latency)
    {
        long calls = 0;
        var next = worker;
        while (!stop.IsStopped)
        {
            var started = Stopwatch.GetTimestamp();
            await grains[next].Ping();
            latency.Record(started);
            calls++;
            next += workers;
            if (next >= grains.Length)
            {
                next = worker;
            }
        }

        return calls;
    }
}
