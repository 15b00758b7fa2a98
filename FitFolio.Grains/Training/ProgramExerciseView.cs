namespace FitFolio.Grains.Training;

public sealed record ProgramExerciseView(
    Guid Id,
    int Position,
    Guid ExerciseId,
    string ExerciseName,
    int? SupersetGroup,
    int? TargetSets,
    int? RepsMin,
    int? RepsMax,
    decimal? TargetWeight,
    string? WeightUnit,
    decimal? TargetRpe,
    int? TargetRir,
    int? RestSeconds,
    string? Notes);
