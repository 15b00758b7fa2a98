using System.Diagnostics;
using System.Globalization;
using FitFolio.Bench.Grains;
using FitFolio.Bench.Infrastructure;
using FitFolio.Bench.Measurement;
using FitFolio.Bench.Reporting;

namespace FitFolio.Bench.Scenarios;

/// <summary>
/// What the runtime keeps per idle activation: the live managed heap grown by activating 100,000
/// one-int grains, after full compacting collections, less the grain objects' own size (measured
/// the same way). The key string each activation's GrainId holds is counted as runtime overhead,
/// since the runtime is what keeps it; the notes give its size.
/// </summary>
internal sealed class IdleActivationMemoryScenario : IScenario
{
    private const int Activations = 100_000;

    // Enough calls in flight to keep both cores busy activating, few enough not to hold many tasks at once.
    private const int Batch = 1_000;

    public string Id => "memory";

    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchContext context)
    {
        await using var silo = await BenchSilo.StartAsync(BenchSilo.NewClusterId(), await context.DatabaseAsync());
        BenchContext.Progress($"idle activations: warm-up, then {Activations:N0} activations");

        // Warm-up activates the same grain type, so JIT and first-use allocations fall before the baseline.
        await ActivateAsync(silo, "warm-", 0, 2 * Batch);

        var before = FullGc.LiveBytes();
        var cpu = ProcessCpu.Now();
        var started = Stopwatch.GetTimestamp();
        await ActivateAsync(silo, "mem-", 0, Activations);
        var elapsed = Stopwatch.GetElapsedTime(started);
        cpu = ProcessCpu.Now() - cpu;
        var after = FullGc.LiveBytes();
        var activations = await silo.ActivationCountAsync<SmallGrain>();
        if (activations != Activations + (2 * Batch))
        {
            throw new InvalidOperationException($"Expected {Activations + (2 * Batch)} activations, found {activations}.");
        }

        var grainBytes = MeasureGrainObjectBytes();
        var perActivation = (after - before) / (double)Activations;
        var keyBytes = KeyStringBytes("mem-" + (Activations / 2).ToString(CultureInfo.InvariantCulture));
        return
        [
            new ScenarioResult(
                "Memory per idle activation (runtime overhead)",
                perActivation - grainBytes,
                "bytes",
                Target.AtMost(2048),
                Notes: $"{Format.Number(perActivation)} B total - {Format.Number(grainBytes)} B grain object; includes ~{keyBytes} B key string"),
            new ScenarioResult(
                "Activations/s, no stored state",
                Activations / elapsed.TotalSeconds,
                "activations/s",
                Notes: $"{Activations:N0} first calls, {Batch:N0} in flight",
                CpuPerOperation: cpu / Activations),
        ];
    }

    private static async Task ActivateAsync(BenchSilo silo, string prefix, int from, int count)
    {
        for (var start = from; start < from + count; start += Batch)
        {
            var calls = new Task<int>[Math.Min(Batch, from + count - start)];
            for (var i = 0; i < calls.Length; i++)
            {
                calls[i] = silo.Grains.GetGrain<ISmallGrain>(prefix + (start + i).ToString(CultureInfo.InvariantCulture)).Touch();
            }

            await Task.WhenAll(calls);
        }
    }

    /// <summary>The grain object alone, measured by the same heap delta so the subtraction is like for like.</summary>
    private static double MeasureGrainObjectBytes()
    {
        var holder = new SmallGrain[Activations];
        var before = FullGc.LiveBytes();
        for (var i = 0; i < holder.Length; i++)
        {
            holder[i] = new SmallGrain();
        }

        var after = FullGc.LiveBytes();
        GC.KeepAlive(holder);
        return (after - before) / (double)Activations;
    }

    // A string on 64-bit: 16-byte header, 4-byte length, two bytes a character plus a terminator, rounded up to 8.
    private static int KeyStringBytes(string key) => (22 + (2 * key.Length) + 7) / 8 * 8;
}
