using System.Globalization;

namespace FitFolio.Bench.Reporting;

internal static class Format
{
    public static string Number(double value) =>
        double.IsNaN(value) ? "-"
        : value >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture)
        : value.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan value) =>
        value.TotalMilliseconds >= 1000 ? $"{value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s"
        : value.TotalMilliseconds >= 1 ? $"{value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms"
        : value.Ticks >= 10 ? $"{(value.Ticks / 10.0).ToString("0.0", CultureInfo.InvariantCulture)} us"
        : $"{(value.Ticks * 100.0).ToString("0", CultureInfo.InvariantCulture)} ns";
}
