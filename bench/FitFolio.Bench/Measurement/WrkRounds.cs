namespace FitFolio.Bench.Measurement;

/// <summary>
/// The wrk protocol every HTTP row follows, so rows are comparable: one warm-up run, then the
/// configured rounds; the median round is reported and this process's CPU is taken over all
/// measured rounds (the server's CPU: wrk and PostgreSQL are other processes).
/// </summary>
internal static class WrkRounds
{
    /// <summary>Builds the request for each run; called once per wrk invocation (warm-up included).</summary>
    public delegate WrkRequest? RequestFactory();

    /// <summary>
    /// Warm-up (<see cref="BenchOptions.WarmUp"/> unless given: see <see cref="HostWarmUp"/>), then the measured rounds.
    /// CPU is this process's unless <c>cpuClock</c> reads the server's (when the server is another process).
    /// </summary>
    public static async Task<WrkRoundsResult> RunAsync(WrkLoadGenerator load, string wrk, Uri url, BenchOptions options, RequestFactory? request = null, TimeSpan? warmUp = null, Func<TimeSpan>? cpuClock = null)
    {
        cpuClock ??= ProcessCpu.Now;
        await load.RunAsync(wrk, url, warmUp ?? options.WarmUp, request?.Invoke());
        var rounds = new List<WrkResult>();
        var cpu = cpuClock();
        for (var i = 0; i < options.Rounds; i++)
        {
            rounds.Add(await load.RunAsync(wrk, url, options.Round, request?.Invoke()));
        }

        cpu = cpuClock() - cpu;
        return new WrkRoundsResult([.. rounds.OrderBy(r => r.RequestsPerSecond)], cpu / Math.Max(1, rounds.Sum(r => r.Requests)));
    }

    /// <summary>Shown in progress lines, so a reader of the log knows how long each scenario will take.</summary>
    public static string Plan(WrkLoadGenerator load, BenchOptions options, TimeSpan? warmUp = null) =>
        $"warm-up {(warmUp ?? options.WarmUp).TotalSeconds} s, then {options.Rounds} x {options.Round.TotalSeconds} s with {load.Describe()}";

    /// <summary>
    /// Warm-up for rows served by a whole FitFolio host: three times the default. On this machine a
    /// 3 s warm-up left /auth/me at 84 us CPU/request in the rounds that followed, against 52 us a
    /// minute later in the same process: tier-1 compilation of the host's paths was still going on.
    /// </summary>
    public static TimeSpan HostWarmUp(BenchOptions options) => options.WarmUp * 3;
}

/// <summary>Rounds ordered by throughput (the median is the middle one) and the server CPU per request over all of them.</summary>
internal sealed record WrkRoundsResult(IReadOnlyList<WrkResult> Rounds, TimeSpan CpuPerRequest)
{
    public WrkResult Median => Rounds[Rounds.Count / 2];

    public long Requests => Rounds.Sum(r => r.Requests);
}
