namespace FitFolio.Grains.Training;

/// <summary>One exercise of a program day with its targets; every target is optional.</summary>
public sealed record ProgramExerciseDraft(
    Guid? ExerciseId,
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
