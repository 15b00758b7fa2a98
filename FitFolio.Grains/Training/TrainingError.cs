namespace FitFolio.Grains.Training;

/// <summary>What kind of refusal a training operation gave; the front door maps it to an HTTP status.</summary>
public enum TrainingFailure
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>A refused training operation: a stable code, a sentence for people, and the input at fault.</summary>
public sealed record TrainingError(TrainingFailure Failure, string Code, string Message, string? Field = null)
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
public sealed record TrainingOutcome<T>(T? Value, TrainingError? Error, bool Created = false)
{
    public static implicit operator TrainingOutcome<T>(TrainingError error) => new(default, error);

    public static TrainingOutcome<T> Ok(T value, bool created = false) => new(value, null, created);
}
