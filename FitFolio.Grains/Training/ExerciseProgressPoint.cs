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
