namespace FitFolio.Bench.Reporting;

/// <summary>
/// A target relative to another row of the same run (<c>at least Factor x</c> that row): on a
/// shared machine a ratio to a figure measured minutes apart is steadier than an absolute number.
/// <see cref="Label"/> is the short name shown in the Target column.
/// </summary>
internal sealed record RatioTarget(string Of, string Label, double Factor)
{
    public override string ToString() => $">= {Format.Number(Factor)} x {Label}";
}
