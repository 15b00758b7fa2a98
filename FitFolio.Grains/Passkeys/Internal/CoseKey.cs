using System.Formats.Cbor;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// A credential public key in COSE_Key form (RFC 9052 §7, RFC 9053; WebAuthn §6.5.1.1).
/// Parsing checks everything a key must satisfy before any signature is verified with it.
/// </summary>
internal abstract class CoseKey
{
    // RFC 9052 §7.1 common labels; RFC 9053 §7.1.1 (EC2) and RFC 8230 §4 (RSA) key-type labels.
    private const long LabelKty = 1;
    private const long LabelAlg = 3;
    private const long KtyOkp = 1;

    public abstract CoseAlgorithm Algorithm { get; }

    /// <summary>Verifies a WebAuthn signature (§6.5.6 encodings) over <paramref name="data"/>; never throws for bad input.</summary>
    public abstract bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    public static CoseKey Parse(ReadOnlyMemory<byte> cose)
    {
        if (cose.Length > InputLimits.MaxFieldBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "The COSE key is too large.");
        }

        var labels = BoundedCbor.Guard("The COSE key", () => ReadLabels(cose));
        var kty = labels.Integer(LabelKty, "kty");
        var alg = labels.Integer(LabelAlg, "alg");
        if (alg == (long)CoseAlgorithm.EdDsa || kty == KtyOkp)
        {
            throw Fail.With(PasskeyFailureReason.UnsupportedAlgorithm, "EdDSA (Ed25519, COSE alg -8) keys cannot be verified: .NET has no Ed25519 implementation.");
        }

        return alg switch
        {
            (long)CoseAlgorithm.ES256 => Es256CoseKey.From(kty, labels),
            (long)CoseAlgorithm.RS256 => Rs256CoseKey.From(kty, labels),
            _ => throw Fail.With(PasskeyFailureReason.UnsupportedAlgorithm, $"COSE algorithm {alg} is not supported; only ES256 (-7) and RS256 (-257) are."),
        };
    }

    private static CoseKeyLabels ReadLabels(ReadOnlyMemory<byte> cose)
    {
        var reader = BoundedCbor.Reader(cose);
        BoundedCbor.ReadStartMap(reader, "The COSE key");
        var labels = new CoseKeyLabels();
        for (var i = 0; !BoundedCbor.AtMapEnd(reader, i); i++)
        {
            if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
            {
                // RFC 9052 allows text labels; none matter to us, but they stay bounded.
                BoundedCbor.SkipValue(reader, 1);
                BoundedCbor.SkipValue(reader, 1);
                continue;
            }

            var label = reader.ReadInt64();
            object value = reader.PeekState() switch
            {
                CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
                CborReaderState.ByteString => reader.ReadByteString(),
                _ => SkipUnusable(reader),
            };
            labels.Add(label, value);
        }

        if (reader.BytesRemaining != 0)
        {
            throw Fail.Malformed("The COSE key is followed by trailing bytes.");
        }

        return labels;
    }

    private static object SkipUnusable(CborReader reader)
    {
        BoundedCbor.SkipValue(reader, 1);
        return CoseKeyLabels.Unusable;
    }
}
