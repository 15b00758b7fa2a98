namespace FitFolio.Bench.Reporting;

/// <summary>A figure a result must reach: at least <see cref="Value"/>, or at most it when lower is better.</summary>
internal sealed record Target(double Value, bool LowerIsBetter)
{
    public static Target AtLeast(double value) => new(value, LowerIsBetter: false);

    public static Target AtMost(double value) => new(value, LowerIsBetter: true);

    public bool IsMetBy(double result) => LowerIsBetter ? result <= Value : result >= Value;

    public override string ToString() => $"{(LowerIsBetter ? "<=" : ">=")} {Format.Number(Value)}";
}
