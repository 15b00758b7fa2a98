namespace FitFolio.Grains.Passkeys;

/// <summary>The configured FIDO metadata cannot be used; the message names the setting and says why.</summary>
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
