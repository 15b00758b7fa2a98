namespace FitFolio.Grains.Training;

/// <summary>A custom exercise as a person describes it.</summary>
public sealed record ExerciseDraft(
    string? Name,
    string? Category,
    IReadOnlyList<string>? PrimaryMuscles,
    IReadOnlyList<string>? SecondaryMuscles,
    string? Equipment,
    string? Kind);
