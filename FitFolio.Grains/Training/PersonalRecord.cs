namespace FitFolio.Grains.Training;

/// <summary>
/// A best for one exercise. <see cref="Previous"/> is only filled in the answer to logging a set:
/// the best it beat (null when it is the first). <see cref="SetId"/> is null for session volume.
/// </summary>
public sealed record PersonalRecord(
    Guid ExerciseId,
    string ExerciseName,
    string Type,
    decimal Value,
    string Unit,
    decimal? AtWeightKg,
    Guid? SetId,
    Guid WorkoutId,
    DateTimeOffset AchievedAt,
    decimal? Previous);

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

/// <summary>A record one set set: the new value and the one it beat.</summary>
public sealed record RecordHit(string Type, decimal Value, decimal? Previous, decimal? AtWeightKg)
{
    public string Unit => UnitOf(Type);

    public static string UnitOf(string type) => type switch
    {
        RecordType.MostRepsAtWeight => "reps",
        RecordType.LongestDuration => "s",
        RecordType.LongestDistance => "m",
        _ => "kg",
    };
}
