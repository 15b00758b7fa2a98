namespace FitFolio.Bench.Reporting;

internal static class Spread
{
    /// <summary>"median of 3 (min-max)", so a reader sees how noisy the machine was during the rounds.</summary>
    public static string Describe(IEnumerable<double> rounds)
    {
        var values = rounds.ToList();
        return values.Count == 1
            ? "1 round"
            : $"median of {values.Count} ({Format.Number(values.Min())}-{Format.Number(values.Max())})";
    }
}
