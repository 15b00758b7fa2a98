using System.Formats.Cbor;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// The attestation object (§6.5.4): a CBOR map of fmt (text), attStmt (map) and authData (bytes).
/// attStmt is kept as its encoded bytes and read by the format's own verifier.
/// </summary>
internal sealed class AttestationObject
{
    private AttestationObject(string format, ReadOnlyMemory<byte> statement, byte[] authenticatorData)
    {
        Format = format;
        Statement = statement;
        AuthenticatorData = authenticatorData;
    }

    public string Format { get; }

    /// <summary>The encoded attStmt map.</summary>
    public ReadOnlyMemory<byte> Statement { get; }

    public byte[] AuthenticatorData { get; }

    public static AttestationObject Parse(byte[] encoded)
    {
        if (encoded.Length > InputLimits.MaxFieldBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "attestationObject is too large.");
        }

        return BoundedCbor.Guard("attestationObject", () => Read(encoded));
    }

    private static AttestationObject Read(byte[] encoded)
    {
        var reader = BoundedCbor.Reader(encoded);
        BoundedCbor.ReadStartMap(reader, "attestationObject");
        string? format = null;
        ReadOnlyMemory<byte>? statement = null;
        byte[]? authenticatorData = null;
        for (var i = 0; !BoundedCbor.AtMapEnd(reader, i); i++)
        {
            if (reader.PeekState() != CborReaderState.TextString)
            {
                throw Fail.Malformed("attestationObject keys must be text strings.");
            }

            switch (reader.ReadTextString())
            {
                case "fmt":
                    format = BoundedCbor.ReadTextString(reader, "attestationObject.fmt");
                    break;
                case "attStmt":
                    if (reader.PeekState() != CborReaderState.StartMap)
                    {
                        throw Fail.Malformed("attestationObject.attStmt must be a CBOR map.");
                    }

                    var start = encoded.Length - reader.BytesRemaining;
                    BoundedCbor.SkipValue(reader, 1);
                    statement = encoded.AsMemory(start, encoded.Length - reader.BytesRemaining - start);
                    break;
                case "authData":
                    authenticatorData = BoundedCbor.ReadByteString(reader, "attestationObject.authData");
                    break;
                default:
                    // Not defined by §6.5.4; skipped (bounded) rather than refused, as CTAP adds members over time.
                    BoundedCbor.SkipValue(reader, 1);
                    break;
            }
        }

        if (reader.BytesRemaining != 0)
        {
            throw Fail.Malformed("attestationObject is followed by trailing bytes.");
        }

        if (format is null || statement is null || authenticatorData is null)
        {
            throw Fail.Malformed("attestationObject needs fmt, attStmt and authData.");
        }

        return new AttestationObject(format, statement.Value, authenticatorData);
    }
}
