namespace FitFolio.Grains.Training;

/// <summary>An exercise of the built-in catalog (<see cref="Slug"/> set) or one of a person's own.</summary>
public sealed record Exercise(
    Guid Id,
    string? Slug,
    string Name,
    string Category,
    IReadOnlyList<string> PrimaryMuscles,
    IReadOnlyList<string> SecondaryMuscles,
    string Equipment,
    string Kind,
    bool Custom,
    long Version = 1);
