namespace FitFolio.Grains.Training;

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
    [property: Id(9)] IReadOnlyList<WorkoutExerciseView> Exercises);
