using System.Runtime;

namespace FitFolio.Bench.Infrastructure;

internal static class FullGc
{
    /// <summary>Live managed bytes after blocking, compacting collections (LOH included), with finalizers run.</summary>
    public static long LiveBytes()
    {
        for (var i = 0; i < 3; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
