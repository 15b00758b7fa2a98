using System.Diagnostics;

namespace FitFolio.Bench.Measurement;

/// <summary>
/// Latency samples from one worker (not thread-safe: one recorder per worker, merged after the
/// run), in Stopwatch ticks so recording costs no conversion.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = new(4096);

    public int Count => _ticks.Count;

    public void Record(long startTimestamp) => _ticks.Add(Stopwatch.GetTimestamp() - startTimestamp);

    /// <summary>Records a span measured elsewhere, in Stopwatch ticks.</summary>
    public void RecordTicks(long elapsed) => _ticks.Add(elapsed);

    public static LatencySummary Summarize(IEnumerable<LatencyRecorder> recorders)
    {
        var all = recorders.SelectMany(r => r._ticks).ToArray();
        if (all.Length == 0)
        {
            return LatencySummary.None;
        }

        Array.Sort(all);
        return new LatencySummary(At(all, 0.50), At(all, 0.99), all.Length);
    }

    private static TimeSpan At(long[] sorted, double quantile)
    {
        // Nearest rank: the smallest sample with at least this fraction of samples at or below it.
        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return Stopwatch.GetElapsedTime(0, sorted[Math.Clamp(rank, 0, sorted.Length - 1)]);
    }
}
