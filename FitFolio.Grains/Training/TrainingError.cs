namespace FitFolio.Grains.Training;

/// <summary>A refused training operation: a stable code, a sentence for people, and the input at fault.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.training.error")]
public sealed record TrainingError(
    [property: Id(0)] TrainingFailure Failure,
    [property: Id(1)] string Code,
    [property: Id(2)] string Message,
    [property: Id(3)] string? Field = null,
    [property: Id(4)] long? CurrentVersion = null)
{
    public static TrainingError Validation(string field, string message) => new(TrainingFailure.Invalid, "validation_failed", message, field);

    public static TrainingError UnknownExercise(string field) =>
        new(TrainingFailure.Invalid, "unknown_exercise", "There is no exercise with that id.", field);

    public static TrainingError NotFound(string what) => new(TrainingFailure.NotFound, "not_found", $"You have no {what} with that id.");

    public static TrainingError Conflict(string code, string message) => new(TrainingFailure.Conflict, code, message);

    /// <summary>The caller's If-Match is stale; <paramref name="current"/> is the version now stored (null: there is none).</summary>
    public static TrainingError Stale(string what, long? current) => new(
        TrainingFailure.Stale,
        "version_mismatch",
        $"This {what} was changed since you loaded it; reload it, or send your change again with the current version.",
        null,
        current);
}
