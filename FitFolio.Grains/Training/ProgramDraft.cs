namespace FitFolio.Grains.Training;

/// <summary>A program as written by its owner: days in order, each an ordered list of exercises.</summary>
public sealed record ProgramDraft(string? Name, string? Notes, IReadOnlyList<ProgramDayDraft>? Days);
