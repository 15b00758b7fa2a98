namespace FitFolio.Grains.Training;

public sealed record WorkoutSummary(
    Guid Id,
    string Name,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    Guid? ProgramId,
    int ExerciseCount,
    int SetCount,
    decimal VolumeKg,
    int RecordCount,
    long Version = 1);
