namespace FitFolio.Grains.Training;

/// <summary>Skip or unskip, notes, superset (0 clears it); null leaves a field as it is.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.workout-exercise-patch")]
public sealed record WorkoutExercisePatch(
    [property: Id(0)] bool? Skipped,
    [property: Id(1)] string? Notes,
    [property: Id(2)] int? SupersetGroup);
