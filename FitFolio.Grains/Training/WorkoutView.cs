namespace FitFolio.Grains.Training;

/// <summary>A workout with its exercises and sets; <see cref="Version"/> is its ETag (the workout's own fields, sql/018_versions.sql).</summary>
[GenerateSerializer, Alias("fitfolio.training.workout")]
public sealed record WorkoutView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string? Notes,
    [property: Id(3)] string Status,
    [property: Id(4)] Guid? ProgramId,
    [property: Id(5)] Guid? ProgramDayId,
    [property: Id(6)] DateTimeOffset StartedAt,
    [property: Id(7)] DateTimeOffset? EndedAt,
    [property: Id(8)] string Source,
    [property: Id(9)] IReadOnlyList<WorkoutExerciseView> Exercises,
    [property: Id(10)] long Version = 1);
