using System.Diagnostics;

namespace FitFolio.Bench.Measurement;

/// <summary>
/// Load run before a row's measured rounds, in chunks of <see cref="Chunk"/>: at least
/// <see cref="MinChunks"/>, then more until the tiered JIT of <see cref="Servers"/> is quiet (a chunk
/// in which it used under 5% of one core), never past <see cref="Max"/>. A fixed time was not
/// enough once FitFolio ran on Orleans: on the loaded 2-core machine the host's JIT was still
/// busy 20 s into the load (a third of the process's CPU), and /auth/me measured 291-357 us of
/// CPU per request after a 9 s warm-up against 62 us after 40 s.
/// </summary>
internal sealed record WarmUp(TimeSpan Chunk, int MinChunks, TimeSpan Max, IReadOnlyList<int> Servers)
{
    private const double QuietShare = 0.05;

    public static WarmUp Fixed(TimeSpan duration) => new(duration, 1, duration, []);

    /// <summary>
    /// For rows whose server runs FitFolio or Orleans code (<paramref name="servers"/>: its processes): 9 s to 60 s (3 s with <c>--quick</c>).
    /// </summary>
    public static WarmUp UntilJitIsQuiet(BenchOptions options, IReadOnlyList<int> servers) =>
        new(options.WarmUp, 3, options.Quick ? options.WarmUp * 3 : TimeSpan.FromSeconds(60), servers);

    public string Describe() => Servers.Count == 0 || Max <= Chunk * MinChunks
        ? $"warm-up {Max.TotalSeconds} s"
        : $"warm-up until the JIT is quiet ({(Chunk * MinChunks).TotalSeconds}-{Max.TotalSeconds} s)";

    /// <summary>Runs <paramref name="load"/> chunk by chunk; returns how long the warm-up took.</summary>
    public async Task<TimeSpan> RunAsync(Func<TimeSpan, Task> load)
    {
        var started = Stopwatch.GetTimestamp();
        for (var chunk = 1; ; chunk++)
        {
            var before = TieredJit.Ticks(Servers);
            await load(Chunk);
            var quiet = TieredJit.Between(before, TieredJit.Ticks(Servers)) < Chunk * QuietShare;
            var elapsed = Stopwatch.GetElapsedTime(started);
            if ((chunk >= MinChunks && quiet) || elapsed + Chunk > Max)
            {
                return elapsed;
            }
        }
    }
}
