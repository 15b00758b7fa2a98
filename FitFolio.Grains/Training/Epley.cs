namespace FitFolio.Grains.Training;

/// <summary>
/// Estimated one-rep max by Epley: w × (1 + r/30), for 1 to 12 reps only. Beyond 12 the estimate
/// drifts too far from anything a person could lift once, so no estimate is given. The formula is
/// applied as written for a single too (1 rep → 1.033 w), so the number matches what the app says.
/// </summary>
public static class Epley
{
    public const int MaxReps = 12;

    // 1 + r/30 for each r, computed once by the same decimal expression the formula always used (r/30 rounds to 28 places, which
    // is why 1.65 kg × 1 rep gives 1.70): a progress series applies it to every set it reads, and the division was a
    // measurable share of its CPU (bench/README.md, "Training at size, fourth pass"). EpleyTests holds the two equal.
    private static readonly decimal[] Factors = [.. Enumerable.Range(0, MaxReps + 1).Select(reps => 1 + (reps / 30m))];

    public static decimal? OneRepMax(decimal weightKg, int reps) =>
        reps is >= 1 and <= MaxReps ? Math.Round(weightKg * Factors[reps], 2, MidpointRounding.AwayFromZero) : null;
}
