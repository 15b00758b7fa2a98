namespace FitFolio.Grains.Training;

/// <summary>Start a workout, empty or from a program day.</summary>
public sealed record StartWorkoutCommand(string? Name, string? Notes, Guid? ProgramDayId, DateTimeOffset? StartedAt);

/// <summary>Changes to a workout's own fields; null leaves a field as it is (empty notes clear them).</summary>
public sealed record WorkoutPatch(string? Name, string? Notes, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

public sealed record AddExerciseCommand(Guid? ExerciseId, int? Position, int? SupersetGroup, string? Notes);

/// <summary>Skip or unskip, notes, superset (0 clears it); null leaves a field as it is.</summary>
public sealed record WorkoutExercisePatch(bool? Skipped, string? Notes, int? SupersetGroup);

/// <summary>A logged set and the records it set, for the app to celebrate.</summary>
public sealed record SetLogged(SetView Set, IReadOnlyList<PersonalRecord> Records);
