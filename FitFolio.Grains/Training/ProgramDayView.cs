namespace FitFolio.Grains.Training;

public sealed record ProgramDayView(Guid Id, int Position, string Name, IReadOnlyList<ProgramExerciseView> Exercises);
