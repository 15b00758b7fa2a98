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

public sealed record ProgramDayView(Guid Id, int Position, string Name, IReadOnlyList<ProgramExerciseView> Exercises);

/// <summary>A program with its days and their exercises, in order.</summary>
public sealed record ProgramView(
    Guid Id,
    string Name,
    string? Notes,
    bool Archived,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ProgramDayView> Days);

public sealed record ProgramSummary(Guid Id, string Name, bool Archived, int DayCount, DateTimeOffset UpdatedAt);
