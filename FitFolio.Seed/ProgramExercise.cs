namespace FitFolio.Seed;

/// <summary>An exercise of a generated program day with its target sets and rep range.</summary>
internal sealed record ProgramExercise(CatalogueExercise Exercise, int Sets, int RepsMin, int RepsMax);
