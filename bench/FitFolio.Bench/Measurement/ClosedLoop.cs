using System.Diagnostics;

namespace FitFolio.Bench.Measurement;

/// <summary>
/// Closed-loop load: a fixed number of workers, each issuing its next operation as soon as the
/// previous one completes, so concurrency (not an arrival rate) is the knob and the runtime is
/// always saturated. Each worker returns how many operations it completed.
/// </summary>
internal static class ClosedLoop
{
    public delegate Task<long> Worker(int index, StopFlag stop, LatencyRecorder latency);

    public static async Task<LoopResult> RunAsync(int workers, TimeSpan duration, Worker worker)
    {
        var stop = new StopFlag();
        var recorders = Enumerable.Range(0, workers).Select(_ => new LatencyRecorder()).ToArray();
        var cpu = ProcessCpu.Now();
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var started = Stopwatch.GetTimestamp();

        // Task.Run so each worker starts on the pool at once rather than inline on this thread.
        var running = Enumerable.Range(0, workers).Select(i => Task.Run(() => worker(i, stop, recorders[i]))).ToArray();
        await Task.Delay(duration);
        stop.Stop();
        var counts = await Task.WhenAll(running);

        // Elapsed includes draining the calls in flight at the stop, which are also counted.
        return new LoopResult(
            counts.Sum(),
            Stopwatch.GetElapsedTime(started),
            LatencyRecorder.Summarize(recorders),
            ProcessCpu.Now() - cpu,
            GC.GetTotalAllocatedBytes(precise: false) - allocated);
    }

    /// <summary>Runs <paramref name="rounds"/> rounds and returns them ordered by throughput, so the median is the middle one.</summary>
    public static async Task<IReadOnlyList<LoopResult>> RunRoundsAsync(int rounds, int workers, TimeSpan duration, Worker worker)
    {
        var results = new List<LoopResult>();
        for (var i = 0; i < rounds; i++)
        {
            results.Add(await RunAsync(workers, duration, worker));
        }

        return [.. results.OrderBy(r => r.PerSecond)];
    }
}
