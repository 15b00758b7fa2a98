
namespace FitFolio.Grains.Training;

/// <summary>Everything a person has in the training log, for the account's JSON export.</summary>
public sealed record TrainingExportData(
    IReadOnlyList<Exercise> CustomExercises,
    IReadOnlyList<ProgramView> Programs,
    IReadOnlyList<WorkoutView> Workouts,
    IReadOnlyList<BodyWeightEntry> BodyWeight);
