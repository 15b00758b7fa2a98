namespace FitFolio.Grains.Training;

/// <summary>One workout's sets of an exercise, for its history.</summary>
public sealed record ExerciseSession(Guid WorkoutId, string WorkoutName, DateTimeOffset PerformedAt, IReadOnlyList<SetView> Sets);
