namespace FitFolio.Grains.Training;

/// <summary>A program as written by its owner: days in order, each an ordered list of exercises.</summary>
public sealed record ProgramDraft(string? Name, string? Notes, IReadOnlyList<ProgramDayDraft>? Days);

public sealed record ProgramDayDraft(string? Name, IReadOnlyList<ProgramExerciseDraft>? Exercises);

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
