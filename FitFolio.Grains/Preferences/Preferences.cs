namespace FitFolio.Grains.Preferences;

/// <summary>
/// How one person likes the app, the same on every device: weights in kilograms or pounds, effort as
/// RPE or reps in reserve, and the rest timer when a program sets none (0: no timer). Also the stored
/// document (System.Text.Json), so a property keeps its name once shipped.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.preferences.values")]
public sealed record Preferences(
    [property: Id(0)] string WeightUnit,
    [property: Id(1)] string EffortScale,
    [property: Id(2)] int DefaultRestSeconds)
{
    public const int MaxRestSeconds = 600;

    public static IReadOnlyList<string> WeightUnits { get; } = ["kg", "lb"];

    public static IReadOnlyList<string> EffortScales { get; } = ["rpe", "rir"];

    /// <summary>What a person who never chose anything gets: the app's defaults before preferences were stored.</summary>
    public Preferences()
        : this("kg", "rpe", 90)
    {
    }
}
