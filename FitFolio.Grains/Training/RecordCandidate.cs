namespace FitFolio.Grains.Training;

/// <summary>A set in the chronological history of one exercise, as record detection sees it.</summary>
public sealed record RecordCandidate(
    Guid SetId,
    Guid WorkoutId,
    DateTimeOffset AchievedAt,
    bool Counted,
    string Type,
    int? Reps,
    decimal? WeightKg,
    int? DurationSeconds,
    decimal? DistanceMeters);
