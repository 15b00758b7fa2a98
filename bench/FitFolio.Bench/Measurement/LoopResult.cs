namespace FitFolio.Bench.Measurement;

/// <summary>One closed-loop round: how many operations completed in how long, and their sampled latencies.</summary>
internal sealed record LoopResult(long Operations, TimeSpan Elapsed, LatencySummary Latency)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
