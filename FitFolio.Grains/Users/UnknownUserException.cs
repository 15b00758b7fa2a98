namespace FitFolio.Grains.Users;

/// <summary>A user grain was called for an id with no account: the activation fails, so nothing stays in memory for it.</summary>
/// <remarks>Serializable so it reaches a caller on another silo as itself (the front door catches it), not as a codec failure.</remarks>
[GenerateSerializer, Alias("fitfolio.users.unknown-user-exception")]
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
