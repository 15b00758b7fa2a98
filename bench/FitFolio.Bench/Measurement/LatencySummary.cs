namespace FitFolio.Bench.Measurement;

internal sealed record LatencySummary(TimeSpan P50, TimeSpan P99, int Samples)
{
    public static LatencySummary None { get; } = new(TimeSpan.Zero, TimeSpan.Zero, 0);
}
