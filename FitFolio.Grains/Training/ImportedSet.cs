namespace FitFolio.Grains.Training;

/// <summary>A set as the other app wrote it; <see cref="Row"/> is its line in the file, for reporting.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.imported-set")]
public sealed record ImportedSet(
    [property: Id(0)] int Row,
    [property: Id(1)] string Type,
    [property: Id(2)] int? Reps,
    [property: Id(3)] decimal? Weight,
    [property: Id(4)] string? WeightUnit,
    [property: Id(5)] int? DurationSeconds,
    [property: Id(6)] decimal? DistanceMeters,
    [property: Id(7)] decimal? Rpe,
    [property: Id(8)] string? Notes);
