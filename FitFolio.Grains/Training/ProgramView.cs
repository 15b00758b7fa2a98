namespace FitFolio.Grains.Training;

/// <summary>A program with its days and their exercises, in order.</summary>
public sealed record ProgramView(
    Guid Id,
    string Name,
    string? Notes,
    bool Archived,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<ProgramDayView> Days,
    long Version = 1);
