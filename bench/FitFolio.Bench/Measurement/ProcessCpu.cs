using System.Diagnostics;

namespace FitFolio.Bench.Measurement;

internal static class ProcessCpu
{
    /// <summary>User plus kernel time of every thread of this process so far.</summary>
    public static TimeSpan Now()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
