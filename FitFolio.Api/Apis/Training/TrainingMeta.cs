namespace FitFolio.Api.Apis.Training;

/// <summary>The closed word lists, for the app's pickers and filters.</summary>
public sealed record TrainingMeta(
    IReadOnlyList<string> Categories,
    IReadOnlyList<string> Muscles,
    IReadOnlyList<string> Equipment,
    IReadOnlyList<string> Kinds,
    IReadOnlyList<string> SetTypes,
    IReadOnlyList<string> WeightUnits,
    IReadOnlyList<string> RecordTypes);
