namespace FitFolio.Grains.Training;

[GenerateSerializer, Immutable, Alias("fitfolio.training.created-exercise")]
public sealed record CreatedExercise(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Name);
