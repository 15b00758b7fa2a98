namespace FitFolio.Grains.Training;

/// <summary>What an import did.</summary>
[GenerateSerializer, Alias("fitfolio.training.import-summary")]
public sealed record ImportSummary(
    [property: Id(0)] string Format,
    [property: Id(1)] int WorkoutsImported,
    [property: Id(2)] int WorkoutsAlreadyPresent,
    [property: Id(3)] int SetsImported,
    [property: Id(4)] IReadOnlyList<CreatedExercise> ExercisesCreated,
    [property: Id(5)] IReadOnlyList<ImportSkip> Skipped);
