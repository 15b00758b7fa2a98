namespace FitFolio.Grains.Training;

/// <summary>Changes to a workout's own fields; null leaves a field as it is (empty notes clear them).</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.workout-patch")]
public sealed record WorkoutPatch(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Notes,
    [property: Id(2)] DateTimeOffset? StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt);
