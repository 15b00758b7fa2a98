namespace FitFolio.Grains.Training;

/// <summary>One workout's numbers for one exercise: a point of the progress charts.</summary>
public sealed record ExerciseProgressPoint(
    DateOnly Date,
    Guid WorkoutId,
    decimal? BestE1rmKg,
    decimal? BestWeightKg,
    decimal VolumeKg,
    int TotalReps,
    int Sets);

/// <summary>One muscle's work in one ISO week: primary muscles count a set fully, secondary ones half.</summary>
public sealed record MuscleVolumePoint(DateOnly WeekStart, string Muscle, decimal Sets, decimal VolumeKg);

/// <summary>One workout's sets of an exercise, for its history.</summary>
public sealed record ExerciseSession(Guid WorkoutId, string WorkoutName, DateTimeOffset PerformedAt, IReadOnlyList<SetView> Sets);

public sealed record BodyWeightEntry(DateOnly Date, decimal Weight, string Unit, decimal WeightKg, string? Notes);

public sealed record BodyWeightInput(decimal? Weight, string? Unit, string? Notes);
