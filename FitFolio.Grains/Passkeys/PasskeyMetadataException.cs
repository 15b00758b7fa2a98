namespace FitFolio.Grains.Passkeys;

/// <summary>The configured FIDO metadata cannot be used; the message names the setting and says why.</summary>
/// <remarks>
/// Thrown where a silo reads the BLOB, so in practice at start; a contract all the same, like every exception of this
/// assembly, so that one raised inside a grain reaches its caller as itself rather than as a codec failure.
/// </remarks>
[GenerateSerializer, Alias("fitfolio.passkeys.metadata-exception")]
public sealed class PasskeyMetadataException : Exception
{
    public PasskeyMetadataException()
    {
    }

    public PasskeyMetadataException(string message)
        : base(message)
    {
    }

    public PasskeyMetadataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
