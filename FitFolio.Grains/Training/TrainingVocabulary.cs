using System.Collections.Frozen;

namespace FitFolio.Grains.Training;

/// <summary>
/// The closed word lists of the training log, as they appear in JSON and in SQL. Kept as strings
/// (not enums) because they are the API's and the database's vocabulary, checked at the edge.
/// </summary>
public static class TrainingVocabulary
{
    public static readonly IReadOnlyList<string> Categories = ["chest", "back", "shoulders", "arms", "legs", "core", "full_body", "cardio", "other"];

    public static readonly IReadOnlyList<string> Muscles =
    [
        "chest", "front_delts", "side_delts", "rear_delts", "biceps", "triceps", "forearms", "lats", "upper_back", "traps",
        "lower_back", "abs", "obliques", "glutes", "quads", "hamstrings", "adductors", "abductors", "calves", "cardio",
    ];

    public static readonly IReadOnlyList<string> Equipment =
        ["barbell", "dumbbell", "kettlebell", "machine", "cable", "smith_machine", "ez_bar", "trap_bar", "band", "bodyweight", "other"];

    public static readonly IReadOnlyList<string> Kinds =
    [
        ExerciseKind.WeightReps,
        ExerciseKind.Bodyweight,
        ExerciseKind.Assisted,
        ExerciseKind.Time,
        ExerciseKind.Distance
    ];

    public static readonly IReadOnlyList<string> SetTypes = [SetType.Warmup, SetType.Working, SetType.Drop, SetType.Failure];

    public static readonly IReadOnlyList<string> WeightUnits = [Weights.Kg, Weights.Lb];

    public static readonly IReadOnlyList<string> RecordTypes =
    [
        RecordType.HeaviestWeight, RecordType.BestE1rm, RecordType.MostRepsAtWeight, RecordType.BestSetVolume,
        RecordType.BestSessionVolume, RecordType.LongestDuration, RecordType.LongestDistance,
    ];

    public static readonly IReadOnlyList<string> WorkoutStatuses = [WorkoutStatus.InProgress, WorkoutStatus.Finished, WorkoutStatus.Abandoned];

    private static readonly FrozenSet<string> CategorySet = Categories.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> MuscleSet = Muscles.ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> EquipmentSet = Equipment.ToFrozenSet(StringComparer.Ordinal);

    public static bool IsCategory(string? value) => value is not null && CategorySet.Contains(value);

    public static bool IsMuscle(string? value) => value is not null && MuscleSet.Contains(value);

    public static bool IsEquipment(string? value) => value is not null && EquipmentSet.Contains(value);

    public static bool IsKind(string? value) => value is not null && Kinds.Contains(value);

    public static bool IsSetType(string? value) => value is not null && SetTypes.Contains(value);

    public static bool IsWeightUnit(string? value) => value is Weights.Kg or Weights.Lb;
}
