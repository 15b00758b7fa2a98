namespace FitFolio.Grains.Training;

/// <summary>
/// A set's content once checked against its exercise's kind: what is stored and what a retry is
/// compared with (everything but the completion time, which a retry may legitimately restamp).
/// </summary>
public sealed record SetContent(
    string Type,
    int? Reps,
    decimal? Weight,
    string? WeightUnit,
    int? DurationSeconds,
    decimal? DistanceMeters,
    decimal? Rpe,
    int? Rir,
    string? Notes)
{
    public decimal? WeightKg => Weight is { } w && WeightUnit is { } unit ? Weights.ToKg(w, unit) : null;
}
