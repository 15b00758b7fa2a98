namespace FitFolio.Grains.Training;

[GenerateSerializer, Immutable, Alias("fitfolio.training.exercise-target")]
public sealed record ExerciseTarget(
    [property: Id(0)] int? Sets,
    [property: Id(1)] int? RepsMin,
    [property: Id(2)] int? RepsMax,
    [property: Id(3)] decimal? Weight,
    [property: Id(4)] string? WeightUnit,
    [property: Id(5)] decimal? Rpe,
    [property: Id(6)] int? Rir,
    [property: Id(7)] int? RestSeconds);
