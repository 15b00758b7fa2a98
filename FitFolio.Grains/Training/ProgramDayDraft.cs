namespace FitFolio.Grains.Training;

public sealed record ProgramDayDraft(string? Name, IReadOnlyList<ProgramExerciseDraft>? Exercises);
