namespace FitFolio.Grains.Users;

/// <summary>A user grain was called for an id with no account: the activation fails, so nothing stays in memory for it.</summary>
public sealed class UnknownUserException : Exception
{
    public UnknownUserException()
        : base("No such user.")
    {
    }

    public UnknownUserException(string message)
        : base(message)
    {
    }

    public UnknownUserException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
