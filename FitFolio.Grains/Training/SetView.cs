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
