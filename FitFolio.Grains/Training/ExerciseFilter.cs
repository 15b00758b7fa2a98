namespace FitFolio.Grains.Training;

/// <summary>Search and filters for the exercise list; null means "any".</summary>
public sealed record ExerciseFilter(string? Query, string? Category, string? Muscle, string? Equipment, string? Kind, bool? Custom);
