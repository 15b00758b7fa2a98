namespace FitFolio.Bench.Infrastructure;

internal static class GrainKeys
{
    public static string[] Sequential(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
