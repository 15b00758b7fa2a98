namespace FitFolio.Bench.Measurement;

/// <summary>
/// CPU taken by the .NET tiered-compilation threads of server processes, from /proc/&lt;pid&gt;/task:
/// while they are busy, the paths being measured still run partly unoptimised code, and the
/// compiling itself is billed to the requests.
/// </summary>
internal static class TieredJit
{
    // The kernel keeps 15 characters of ".NET Tiered Compilation Worker".
    private const string ThreadName = ".NET Tiered Com";

    /// <summary>CPU ticks so far of every tiered-compilation thread of <paramref name="processIds"/>, by thread.</summary>
    public static IReadOnlyDictionary<string, long> Ticks(IEnumerable<int> processIds)
    {
        var ticks = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var pid in processIds)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == ThreadName)
                    {
                        ticks[task] = ChildCpu.Ticks(Path.Combine(task, "stat"));
                    }
                }
                catch (IOException)
                {
                    // The thread ended between listing and reading: it takes its last ticks with it.
                }
            }
        }

        return ticks;
    }

    /// <summary>The tiered-compilation CPU between two readings; a thread started in between counts whole.</summary>
    public static TimeSpan Between(IReadOnlyDictionary<string, long> before, IReadOnlyDictionary<string, long> after) =>
        ChildCpu.FromTicks(after.Sum(t => t.Value - before.GetValueOrDefault(t.Key)));
}
