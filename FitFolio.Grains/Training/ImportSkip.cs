namespace FitFolio.Grains.Training;

/// <summary>A row that was not imported, and why.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.import-skip")]
public sealed record ImportSkip(
    [property: Id(0)] int Row,
    [property: Id(1)] string Reason);
