namespace FitFolio.Grains.Training;

/// <summary>Weights are stored as entered (value + unit) and normalized to kilograms for every comparison.</summary>
public static class Weights
{
    public const string Kg = "kg";
    public const string Lb = "lb";

    /// <summary>The international avoirdupois pound (1959), exact.</summary>
    public const decimal KgPerPound = 0.45359237m;

    /// <summary>The heaviest weight any set may carry: 2000 kg, beyond every lift ever recorded.</summary>
    public const decimal MaxKg = 2000m;

    public static decimal ToKg(decimal weight, string unit) =>
        Math.Round(unit == Lb ? weight * KgPerPound : weight, 4, MidpointRounding.AwayFromZero);
}
