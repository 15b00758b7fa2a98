namespace FitFolio.Grains.Training;

/// <summary>
/// Estimated one-rep max by Epley: w × (1 + r/30), for 1 to 12 reps only. Beyond 12 the estimate
/// drifts too far from anything a person could lift once, so no estimate is given. The formula is
/// applied as written for a single too (1 rep → 1.033 w), so the number matches what the app says.
/// </summary>
public static class Epley
{
    public const int MaxReps = 12;

    public static decimal? OneRepMax(decimal weightKg, int reps) =>
        reps is >= 1 and <= MaxReps ? Math.Round(weightKg * (1 + (reps / 30m)), 2, MidpointRounding.AwayFromZero) : null;
}
