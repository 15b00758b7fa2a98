namespace FitFolio.Silo.Messaging;

/// <summary>The error body of the internal endpoint: <c>{"error":{"code","message","type"}}</c>.</summary>
internal sealed record WireError(string Code, string Message, string? Type = null)
{
    public const string Unauthorized = "unauthorized";
    public const string Malformed = "malformed";
    public const string UnknownGrainType = "unknown_grain_type";
    public const string UnknownMethod = "unknown_method";
    public const string SiloStopping = "silo_stopping";
    public const string GrainException = "grain_exception";
    public const string CallTimeout = "call_timeout";
}

internal sealed record WireErrorEnvelope(WireError Error);

internal sealed record WireResult<TResult>(TResult Result);
