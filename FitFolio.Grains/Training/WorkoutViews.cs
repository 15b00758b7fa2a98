namespace FitFolio.Grains.Training;

/// <summary>A logged set, as entered (weight and unit) and normalized (kg), with the records it set.</summary>
[GenerateSerializer, Alias("fitfolio.training.set")]
public sealed record SetView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] Guid WorkoutExerciseId,
    [property: Id(2)] Guid ExerciseId,
    [property: Id(3)] int Position,
    [property: Id(4)] string Type,
    [property: Id(5)] int? Reps,
    [property: Id(6)] decimal? Weight,
    [property: Id(7)] string? WeightUnit,
    [property: Id(8)] decimal? WeightKg,
    [property: Id(9)] int? DurationSeconds,
    [property: Id(10)] decimal? DistanceMeters,
    [property: Id(11)] decimal? Rpe,
    [property: Id(12)] int? Rir,
    [property: Id(13)] string? Notes,
    [property: Id(14)] DateTimeOffset CompletedAt,
    [property: Id(15)] decimal? E1rmKg,
    [property: Id(16)] decimal? VolumeKg,
    [property: Id(17)] IReadOnlyList<string> Records);

/// <summary>A set from the last time an exercise was done: what the app prefills.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.previous-set")]
public sealed record PreviousSet(
    [property: Id(0)] int Position,
    [property: Id(1)] string Type,
    [property: Id(2)] int? Reps,
    [property: Id(3)] decimal? Weight,
    [property: Id(4)] string? WeightUnit,
    [property: Id(5)] int? DurationSeconds,
    [property: Id(6)] decimal? DistanceMeters,
    [property: Id(7)] decimal? Rpe,
    [property: Id(8)] int? Rir);

/// <summary>The sets of the most recent workout (before a given one) that included an exercise.</summary>
[GenerateSerializer, Alias("fitfolio.training.previous-performance")]
public sealed record PreviousPerformance(
    [property: Id(0)] Guid? WorkoutId,
    [property: Id(1)] DateTimeOffset? PerformedAt,
    [property: Id(2)] IReadOnlyList<PreviousSet> Sets);

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

public sealed record WorkoutSummary(
    Guid Id,
    string Name,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ProgramId,
    int ExerciseCount,
    int SetCount,
    decimal VolumeKg,
    int RecordCount);
