using System.Diagnostics;
using FitFolio.Bench.Grains;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Grain calls that never leave the process: one silo, 10,000 activated ping grains, 32 callers
/// calling through grain references they hold, each call started afresh from the thread pool as a
/// request's would be. Orleans completes no call synchronously (each is a turn scheduled on the
/// grain's activation, then a continuation on the caller's), so one caller per core would measure
/// that hop's latency rather than what the silo can serve; 32 outstanding calls keep both cores
/// busy. Each caller owns a disjoint slice of the keys, so this measures the uncontended turn (the
/// common case: a user's grain is rarely called twice at once).
/// </summary>
internal sealed class LocalCallsScenario : IScenario
{
    private const int Grains = 10_000;

    private const int Callers = 32;

    // Timing every call would cost a noticeable share of the call; one in 64 is plenty for percentiles.
    private const int SampleEvery = 64;

    public string Id => "local";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var silo = await BenchSilo.StartAsync(BenchSilo.NewClusterId(), await context.DatabaseAsync());
        var grains = GrainKeys.Sequential("local-", Grains).Select(key => silo.Grains.GetGrain<IPingGrain>(key)).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping()));

        var options = context.Options;
        var warmUp = WarmUp.UntilJitIsQuiet(options, [Environment.ProcessId]);
        BenchContext.Progress(
            $"local calls: {Grains:N0} grains, {Callers} callers, {warmUp.Describe()}, then {options.Rounds} x {options.Round.TotalSeconds} s");
        ClosedLoop.Worker worker = (index, stop, latency) => CallLoopAsync(grains, index, stop, latency);
        var warmedUp = await warmUp.RunAsync(duration => ClosedLoop.RunAsync(Callers, duration, worker));
        var rounds = await ClosedLoop.RunRoundsAsync(options.Rounds, Callers, options.Round, worker);
        var median = rounds[rounds.Count / 2];
        return
        [
            new ScenarioResult(
                "Local grain calls (1 silo, in-process)",
                median.PerSecond,
                "calls/s",
                Target.AtLeast(1_000_000),
                median.Latency,
                $"{Grains:N0} grains, {Callers} callers; {Format.Number(median.AllocatedPerOperation)} B allocated/call; {Spread.Describe(rounds.Select(r => r.PerSecond))}; after {warmedUp.TotalSeconds:0} s of warm-up",
                median.CpuPerOperation),
        ];
    }

    private static async Task<long> CallLoopAsync(IPingGrain[] grains, int caller, StopFlag stop, LatencyRecorder latency)
    {
        long calls = 0;
        var next = caller;
        while (!stop.IsStopped)
        {
            // Each call starts from the thread pool's global queue, as a request's call does. Chained
            // straight off the previous answer, the callers' turns feed the running thread's local
            // queue (Orleans schedules them there), which it drains before the global queue: Orleans'
            // timers and Redis replies waited there until a call timed out (30 s) and failed the row.
            await Task.Yield();
            var sampled = calls % SampleEvery == 0;
            var started = sampled ? Stopwatch.GetTimestamp() : 0;
            await grains[next].Ping();
            if (sampled)
            {
                latency.Record(started);
            }

            calls++;
            next += Callers;
            if (next >= grains.Length)
            {
                next = caller;
            }
        }

        return calls;
    }
}
