namespace FitFolio.Seed;

/// <summary>A generated program's day: the workouts that follow it take its name and exercises.</summary>
internal sealed record ProgramDay(Guid ProgramId, Guid DayId, string Name, IReadOnlyList<ProgramExercise> Exercises);
