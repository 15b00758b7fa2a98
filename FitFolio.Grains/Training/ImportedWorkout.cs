namespace FitFolio.Grains.Training;

/// <summary>
/// One workout of an import. <see cref="Key"/> identifies it across imports (app, start time,
/// title), so importing the same file twice adds nothing.
/// </summary>
[GenerateSerializer, Alias("fitfolio.training.imported-workout")]
public sealed record ImportedWorkout(
    [property: Id(0)] string Key,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset StartedAt,
    [property: Id(3)] DateTimeOffset? EndedAt,
    [property: Id(4)] string? Notes,
    [property: Id(5)] IReadOnlyList<ImportedExercise> Exercises);
