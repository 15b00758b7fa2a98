namespace FitFolio.Grains.Training;

/// <summary>A set from the last time an exercise was done: what the app prefills.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.previous-set")]
public sealed record PreviousSet(
    [property: Id(0)] int Position,
    [property: Id(1)] string Type,
    [property: Id(2)] int? Reps,
    [property: Id(3)] decimal? Weight,
    [property: Id(4)] string? WeightUnit,
    [property: Id(5)] int? DurationSeconds,
    [property: Id(6)] decimal? DistanceMeters,
    [property: Id(7)] decimal? Rpe,
    [property: Id(8)] int? Rir);
