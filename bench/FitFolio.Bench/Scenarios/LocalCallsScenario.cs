using System.Diagnostics;
using FitFolio.Bench.Grains;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// Grain calls that never leave the process: one silo, 10,000 activated ping grains, one worker per
/// core calling through grain references it holds. Each worker owns a disjoint slice of the keys,
/// so this measures the uncontended turn (the common case: a user's grain is rarely called twice at once).
/// </summary>
internal sealed class LocalCallsScenario : IScenario
{
    private const int Grains = 10_000;

    // Timing every call would cost as much as the call; one in 1,024 is plenty for percentiles.
    private const int SampleEvery = 1024;

    public string Id => "local";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var silo = await BenchSilo.StartAsync(await context.DatabaseAsync());
        var grains = GrainKeys.Sequential("local-", Grains).Select(silo.Grains.GetGrain<IPingGrain>).ToArray();
        await Task.WhenAll(grains.Select(g => g.Ping()));

        var workers = Environment.ProcessorCount;
        var options = context.Options;
        BenchContext.Progress($"local calls: {Grains:N0} grains, {workers} workers, warm-up {options.WarmUp.TotalSeconds} s, then {options.Rounds} x {options.Round.TotalSeconds} s");
        ClosedLoop.Worker worker = (index, stop, latency) => CallLoopAsync(grains, index, workers, stop, latency);
        await ClosedLoop.RunAsync(workers, options.WarmUp, worker);
        var rounds = await ClosedLoop.RunRoundsAsync(options.Rounds, workers, options.Round, worker);
        var median = rounds[rounds.Count / 2];
        return
        [
            new ScenarioResult(
                "Local grain calls (1 silo, in-process)",
                median.PerSecond,
                "calls/s",
                Target.AtLeast(1_000_000),
                median.Latency,
                $"{Grains:N0} grains, {workers} workers; {Format.Number(median.AllocatedPerOperation)} B allocated/call; {Spread.Describe(rounds.Select(r => r.PerSecond))}",
                median.CpuPerOperation),
        ];
    }

    private static async Task<long> CallLoopAsync(IPingGrain[] grains, int worker, int workers, StopFlag stop, LatencyRecorder latency)
    {
        long calls = 0;
        var next = worker;
        while (!stop.IsStopped)
        {
            for (var i = 0; i < SampleEvery; i++)
            {
                var started = i == 0 ? Stopwatch.GetTimestamp() : 0;
                var call = grains[next].Ping();

                // Completed synchronously on the fast path; awaiting only when it was not keeps the loop honest for queued turns.
                if (!call.IsCompletedSuccessfully)
                {
                    await call;
                }

                if (i == 0)
                {
                    latency.Record(started);
                }

                next += workers;
                if (next >= grains.Length)
                {
                    next = worker;
                }
            }

            calls += SampleEvery;
        }

        return calls;
    }
}
