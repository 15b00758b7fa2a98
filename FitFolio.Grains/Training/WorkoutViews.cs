namespace FitFolio.Grains.Training;

/// <summary>A logged set, as entered (weight and unit) and normalised (kg), with the records it set.</summary>
public sealed record SetView(
    Guid Id,
    Guid WorkoutExerciseId,
    Guid ExerciseId,
    int Position,
    string Type,
    int? Reps,
    decimal? Weight,
    string? WeightUnit,
    decimal? WeightKg,
    int? DurationSeconds,
    decimal? DistanceMeters,
    decimal? Rpe,
    int? Rir,
    string? Notes,
    DateTimeOffset CompletedAt,
    decimal? E1rmKg,
    decimal? VolumeKg,
    IReadOnlyList<string> Records);

/// <summary>A set from the last time an exercise was done: what the app prefills.</summary>
public sealed record PreviousSet(
    int Position,
    string Type,
    int? Reps,
    decimal? Weight,
    string? WeightUnit,
    int? DurationSeconds,
    decimal? DistanceMeters,
    decimal? Rpe,
    int? Rir);

/// <summary>The sets of the most recent workout (before a given one) that included an exercise.</summary>
public sealed record PreviousPerformance(Guid? WorkoutId, DateTimeOffset? PerformedAt, IReadOnlyList<PreviousSet> Sets);

public sealed record ExerciseTarget(
    int? Sets,
    int? RepsMin,
    int? RepsMax,
    decimal? Weight,
    string? WeightUnit,
    decimal? Rpe,
    int? Rir,
    int? RestSeconds);

public sealed record WorkoutExerciseView(
    Guid Id,
    int Position,
    Guid ExerciseId,
    string ExerciseName,
    string Kind,
    int? SupersetGroup,
    bool Skipped,
    string? Notes,
    ExerciseTarget? Target,
    IReadOnlyList<SetView> Sets,
    PreviousPerformance? Previous);

public sealed record WorkoutView(
    Guid Id,
    string Name,
    string? Notes,
    string Status,
    Guid? ProgramId,
    Guid? ProgramDayId,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string Source,
    IReadOnlyList<WorkoutExerciseView> Exercises);

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
