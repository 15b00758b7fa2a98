namespace FitFolio.Grains.Training;

[GenerateSerializer, Alias("fitfolio.training.imported-exercise")]
public sealed record ImportedExercise(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Notes,
    [property: Id(2)] int? SupersetGroup,
    [property: Id(3)] IReadOnlyList<ImportedSet> Sets);
