namespace FitFolio.Silo;

/// <summary>FNV-1a over UTF-16 code units, finished with a SplitMix64 mixer: stable across processes and machines.</summary>
internal static class StableHashing
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Hash(string first, string second)
    {
        var hash = OffsetBasis;
        foreach (var c in first)
        {
            hash = (hash ^ c) * Prime;
        }

        hash = (hash ^ '/') * Prime;
        foreach (var c in second)
        {
            hash = (hash ^ c) * Prime;
        }

        return Mix(hash);
    }

    public static ulong Hash(string value) => Hash(value, "");

    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EB;
        return value ^ (value >> 31);
    }
}
