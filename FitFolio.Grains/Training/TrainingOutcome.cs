namespace FitFolio.Grains.Training;

/// <summary>
/// The answer of a training operation: a value, or the reason it was refused. Grain methods
/// return this rather than throw, so a refusal crosses silos as data, not as an exception.
/// </summary>
[GenerateSerializer, Alias("fitfolio.training.outcome`1")]
public sealed record TrainingOutcome<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] TrainingError? Error,
    [property: Id(2)] bool Created = false)
{
    public static implicit operator TrainingOutcome<T>(TrainingError error) => new(default, error);

    public static TrainingOutcome<T> Ok(T value, bool created = false) => new(value, null, created);
}
