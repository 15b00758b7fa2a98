namespace FitFolio.Silo;

/// <summary>
/// A write carried a version that is no longer current: another activation wrote first. The
/// runtime drops the activation that threw it, so the next call reloads fresh state.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
        : this("The stored state changed since this activation read it.")
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
