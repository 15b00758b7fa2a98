namespace FitFolio.Silo;

/// <summary>
/// A grain call failed for a reason that is not the grain's own exception type: the silo holding
/// it became unreachable mid-call, the remote exception type cannot be recreated here, or the
/// cluster refused the call. <see cref="RemoteExceptionType"/> names the original type when known.
/// </summary>
public sealed class GrainCallException : Exception
{
    public GrainCallException()
    {
    }

    public GrainCallException(string message)
        : base(message)
    {
    }

    public GrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainCallException(string message, string? remoteExceptionType)
        : base(message) => RemoteExceptionType = remoteExceptionType;

    public string? RemoteExceptionType { get; }
}
