namespace FitFolio.Grains.Training;

/// <summary>Workouts parsed from another app's export, ready to store, and the rows the parser skipped.</summary>
[GenerateSerializer, Alias("fitfolio.training.import-batch")]
public sealed record ImportBatch(
    [property: Id(0)] string Format,
    [property: Id(1)] IReadOnlyList<ImportedWorkout> Workouts,
    [property: Id(2)] IReadOnlyList<ImportSkip> Skipped);
