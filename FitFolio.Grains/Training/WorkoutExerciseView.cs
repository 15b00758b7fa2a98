namespace FitFolio.Grains.Training;

[GenerateSerializer, Alias("fitfolio.training.workout-exercise")]
public sealed record WorkoutExerciseView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Position,
    [property: Id(2)] Guid ExerciseId,
    [property: Id(3)] string ExerciseName,
    [property: Id(4)] string Kind,
    [property: Id(5)] int? SupersetGroup,
    [property: Id(6)] bool Skipped,
    [property: Id(7)] string? Notes,
    [property: Id(8)] ExerciseTarget? Target,
    [property: Id(9)] IReadOnlyList<SetView> Sets,
    [property: Id(10)] PreviousPerformance? Previous);
