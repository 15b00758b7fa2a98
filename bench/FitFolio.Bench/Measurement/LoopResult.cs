namespace FitFolio.Bench.Measurement;

/// <summary>
/// One closed-loop round: how many operations completed in how long, their sampled latencies, and
/// the CPU this process burnt meanwhile. CPU per operation moves far less than throughput when
/// other processes compete for the cores, so it is the better figure to compare across runs on a shared machine.
/// </summary>
internal sealed record LoopResult(long Operations, TimeSpan Elapsed, LatencySummary Latency, TimeSpan Cpu, long AllocatedBytes = 0)
{
    public double AllocatedPerOperation => AllocatedBytes / (double)Operations;

    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public TimeSpan CpuPerOperation => Cpu / Operations;
}
