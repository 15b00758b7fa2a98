namespace FitFolio.Grains.Training;

/// <summary>A set as the other app wrote it; <see cref="Row"/> is its line in the file, for reporting.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.imported-set")]
public sealed record ImportedSet(
    [property: Id(0)] int Row,
    [property: Id(1)] SetMeasures Measures,
    [property: Id(2)] string? Notes);
