namespace FitFolio.Grains.Training;

/// <summary>
/// A best for one exercise. <see cref="Previous"/> is only filled in the answer to logging a set:
/// the best it beat (null when it is the first). <see cref="SetId"/> is null for session volume.
/// </summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.personal-record")]
public sealed record PersonalRecord(
    [property: Id(0)] Guid ExerciseId,
    [property: Id(1)] string ExerciseName,
    [property: Id(2)] string Type,
    [property: Id(3)] decimal Value,
    [property: Id(4)] string Unit,
    [property: Id(5)] decimal? AtWeightKg,
    [property: Id(6)] Guid? SetId,
    [property: Id(7)] Guid WorkoutId,
    [property: Id(8)] DateTimeOffset AchievedAt,
    [property: Id(9)] decimal? Previous);
