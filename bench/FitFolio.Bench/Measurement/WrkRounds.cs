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
    public static async Task<WrkRoundsResult> RunAsync(
        WrkLoadGenerator load,
        string wrk,
        Uri url,
        BenchOptions options,
        RequestFactory? request = null,
        WarmUp? warmUp = null,
        Func<TimeSpan>? cpuClock = null)
    {
        cpuClock ??= ProcessCpu.Now;
        var warmedUp = await (warmUp ?? WarmUp.Fixed(options.WarmUp)).RunAsync(duration => load.RunAsync(wrk, url, duration, request?.Invoke()));
        var rounds = new List<WrkResult>();
        var cpu = cpuClock();
        for (var i = 0; i < options.Rounds; i++)
        {
            rounds.Add(await load.RunAsync(wrk, url, options.Round, request?.Invoke()));
        }

        return Result(rounds, cpuClock() - cpu, warmedUp);
    }

    /// <summary>
    /// Two rows judged as a ratio of one to the other, measured in turns: the warm-up alternates them chunk by chunk,
    /// then each measured round of <paramref name="first"/> is followed by one of <paramref name="second"/>. Run one
    /// after the other, the second row met a JIT the first had finished warming (me-many: the tiered compiler took a
    /// quarter of the process's CPU during the first row's rounds and 3 % during the second's), and any drift of the
    /// machine's load landed on one row only. CPU per request is this process's, per row, over its own rounds.
    /// </summary>
    public static async Task<(WrkRoundsResult First, WrkRoundsResult Second)> RunInTurnsAsync(
        WrkLoadGenerator load,
        string wrk,
        Uri url,
        BenchOptions options,
        RequestFactory first,
        RequestFactory second,
        WarmUp warmUp)
    {
        RequestFactory[] rows = [first, second];
        var chunk = 0;
        var warmedUp = await warmUp.RunAsync(duration => load.RunAsync(wrk, url, duration, rows[chunk++ % 2]()));
        List<WrkResult>[] rounds = [[], []];
        var cpu = new TimeSpan[2];
        for (var i = 0; i < options.Rounds; i++)
        {
            for (var row = 0; row < 2; row++)
            {
                var before = ProcessCpu.Now();
                rounds[row].Add(await load.RunAsync(wrk, url, options.Round, rows[row]()));
                cpu[row] += ProcessCpu.Now() - before;
            }
        }

        return (Result(rounds[0], cpu[0], warmedUp), Result(rounds[1], cpu[1], warmedUp));
    }

    /// <summary>Shown in progress lines, so a reader of the log knows how long each scenario will take.</summary>
    public static string Plan(WrkLoadGenerator load, BenchOptions options, WarmUp? warmUp = null) =>
        $"{(warmUp ?? WarmUp.Fixed(options.WarmUp)).Describe()}, then {options.Rounds} x {options.Round.TotalSeconds} s with {load.Describe()}";

    private static WrkRoundsResult Result(List<WrkResult> rounds, TimeSpan cpu, TimeSpan warmedUp) =>
        new([.. rounds.OrderBy(r => r.RequestsPerSecond)], cpu / Math.Max(1, rounds.Sum(r => r.Requests)), warmedUp);

    /// <summary>
    /// Warm-up for rows served by a whole FitFolio host (or measured beside one): until the tiered
    /// JIT of <paramref name="servers"/> is quiet. With a fixed 3 s, /auth/me measured 84 us
    /// CPU/request in the rounds that followed against 52 us a minute later in the same process.
    /// </summary>
    public static WarmUp HostWarmUp(BenchOptions options, params int[] servers) => WarmUp.UntilJitIsQuiet(options, servers);
}

/// <summary>
/// Rounds ordered by throughput (the median is the middle one), the server CPU per request over all of them, and how long the warm-up before them took.
/// </summary>
internal sealed record WrkRoundsResult(IReadOnlyList<WrkResult> Rounds, TimeSpan CpuPerRequest, TimeSpan WarmUp)
{
    public WrkResult Median => Rounds[Rounds.Count / 2];

    public long Requests => Rounds.Sum(r => r.Requests);
}
