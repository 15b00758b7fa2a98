namespace FitFolio.Grains.Training;

/// <summary>What kind of refusal a training operation gave; the front door maps it to an HTTP status.</summary>
[GenerateSerializer, Alias("fitfolio.training.failure")]
public enum TrainingFailure
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A refused training operation: a stable code, a sentence for people, and the input at fault.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.error")]
public sealed record TrainingError(
    [property: Id(0)] TrainingFailure Failure,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Field = null)
{
    public static TrainingError Validation(string field, string message) => new(TrainingFailure.Invalid, "validation_failed", message, field);

    public static TrainingError UnknownExercise(string field) =>
        new(TrainingFailure.Invalid, "unknown_exercise", "There is no exercise with that id.", field);

    public static TrainingError NotFound(string what) => new(TrainingFailure.NotFound, "not_found", $"You have no {what} with that id.");

    public static TrainingError Conflict(string code, string message) => new(TrainingFailure.Conflict, code, message);
}

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
