namespace FitFolio.Grains.Training;

/// <summary>Start a workout, empty or from a program day.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.start-workout")]
public sealed record StartWorkoutCommand(
    [property: Id(0)] string? Name,
    [property: Id(1)] string? Notes,
    [property: Id(2)] Guid? ProgramDayId,
    [property: Id(3)] DateTimeOffset? StartedAt);
