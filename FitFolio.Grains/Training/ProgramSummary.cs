namespace FitFolio.Grains.Training;

public sealed record ProgramSummary(Guid Id, string Name, bool Archived, int DayCount, DateTimeOffset UpdatedAt, long Version = 1);
