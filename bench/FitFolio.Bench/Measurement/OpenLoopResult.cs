namespace FitFolio.Bench.Measurement;

/// <summary>
/// What an <see cref="OpenLoop"/> run measured: each operation's latencies (from the due time, sorted), its failed
/// requests (a wrong answer), its lost ones (no answer; in the latencies as infinitely late), how many requests were sent
/// more than 10 ms after their due time, and the time until the last answer.
/// </summary>
internal sealed record OpenLoopResult(
    IReadOnlyDictionary<string, IReadOnlyList<TimeSpan>> Latencies,
    IReadOnlyDictionary<string, int> Failures,
    IReadOnlyDictionary<string, int> Lost,
    string? FirstError,
    int Sent,
    int LateStarts,
    TimeSpan Elapsed)
{
    public int Failed => Failures.Values.Sum();

    public int Completed => Latencies.Values.Sum(l => l.Count) - Lost.Values.Sum();

    /// <summary>The nearest-rank percentile <paramref name="quantile"/> of <paramref name="operation"/>'s latencies.</summary>
    public TimeSpan Percentile(string operation, double quantile)
    {
        var sorted = Latencies.TryGetValue(operation, out var l) ? l : [];
        return sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
