using System.Formats.Cbor;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// The packed attStmt syntax (§8.2): { alg: int, sig: bytes, x5c?: [bytes+] }. ecdaaKeyId belonged to
/// ECDAA, removed in Level 3, so it and any other member make the statement invalid.
/// </summary>
internal sealed record PackedStatement(long Algorithm, byte[] Signature, IReadOnlyList<byte[]>? Certificates)
{
    public static PackedStatement Parse(ReadOnlyMemory<byte> statement) => BoundedCbor.Guard("packed attStmt", () =>
    {
        var reader = BoundedCbor.Reader(statement);
        BoundedCbor.ReadStartMap(reader, "packed attStmt");
        long? algorithm = null;
        byte[]? signature = null;
        List<byte[]>? certificates = null;
        for (var i = 0; !BoundedCbor.AtMapEnd(reader, i); i++)
        {
            var key = BoundedCbor.ReadTextString(reader, "packed attStmt key");
            switch (key)
            {
                case "alg":
                    algorithm = reader.PeekState() is CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger
                        ? reader.ReadInt64()
                        : throw Invalid("alg must be an integer.");
                    break;
                case "sig":
                    signature = reader.PeekState() == CborReaderState.ByteString
                        ? reader.ReadByteString()
                        : throw Invalid("sig must be a byte string.");
                    break;
                case "x5c":
                    certificates = ReadCertificates(reader);
                    break;
                default:
                    throw Invalid($"member '{key}' is not part of the packed format.");
            }
        }

        if (reader.BytesRemaining != 0)
        {
            throw Fail.Malformed("packed attStmt is followed by trailing bytes.");
        }

        return algorithm is null || signature is null
            ? throw Invalid("alg and sig are required.")
            : new PackedStatement(algorithm.Value, signature, certificates);
    });

    private static List<byte[]> ReadCertificates(CborReader reader)
    {
        if (reader.PeekState() != CborReaderState.StartArray)
        {
            throw Invalid("x5c must be an array.");
        }

        var certificates = new List<byte[]>();
        reader.ReadStartArray();
        while (reader.PeekState() != CborReaderState.EndArray)
        {
            if (certificates.Count == InputLimits.MaxCertificates || reader.PeekState() != CborReaderState.ByteString)
            {
                throw Invalid($"x5c must hold 1 to {InputLimits.MaxCertificates} DER certificates as byte strings.");
            }

            certificates.Add(reader.ReadByteString());
        }

        reader.ReadEndArray();
        return certificates.Count > 0 ? certificates : throw Invalid("x5c must not be empty.");
    }

    private static PasskeyVerificationException Invalid(string message) =>
        Fail.With(PasskeyFailureReason.InvalidAttestationStatement, "Invalid packed attestation statement: " + message);
}
