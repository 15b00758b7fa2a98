namespace FitFolio.Grains.Training;

/// <summary>A logged set and the records it set, for the app to celebrate.</summary>
[GenerateSerializer, Alias("fitfolio.training.set-logged")]
public sealed record SetLogged(
    [property: Id(0)] SetView Set,
    [property: Id(1)] IReadOnlyList<PersonalRecord> Records);
