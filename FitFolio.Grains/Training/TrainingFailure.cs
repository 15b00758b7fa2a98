namespace FitFolio.Grains.Training;

/// <summary>What kind of refusal a training operation gave; the front door maps it to an HTTP status.</summary>
[GenerateSerializer, Alias("fitfolio.training.failure")]
public enum TrainingFailure
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,

    /// <summary>If-Match named a version that is no longer current (HTTP 412); the error carries the current one.</summary>
    Stale,
}
