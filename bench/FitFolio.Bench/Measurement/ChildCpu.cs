using System.Globalization;

namespace FitFolio.Bench.Measurement;

/// <summary>User plus kernel CPU of other processes (the rehearsal's silos and proxy), from /proc/&lt;pid&gt;/stat.</summary>
internal static class ChildCpu
{
    // USER_HZ: the unit of utime and stime in /proc/<pid>/stat; 100 on every Linux that FitFolio runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(IEnumerable<int> processIds) =>
        FromTicks(processIds.Sum(pid => Ticks($"/proc/{pid}/stat")));

    public static TimeSpan FromTicks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    /// <summary>utime + stime of a process's (or, under /proc/&lt;pid&gt;/task/&lt;tid&gt;, a thread's) stat file.</summary>
    public static long Ticks(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        // The command name (field 2) may hold spaces; every field after it is separated by one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }
}
