using System.Buffers.Binary;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>
/// Authenticator data (§6.1): rpIdHash (32) | flags (1) | signCount (4, big-endian)
/// | attested credential data (if AT) | extensions CBOR map (if ED). Nothing may follow.
/// </summary>
internal sealed class AuthenticatorData
{
    private const int FixedLength = 37;

    private AuthenticatorData(byte[] raw, AuthenticatorFlags flags, uint signCount, AttestedCredentialData? attestedCredential)
    {
        Raw = raw;
        Flags = flags;
        SignCount = signCount;
        AttestedCredential = attestedCredential;
    }

    /// <summary>The bytes as received: signatures cover exactly these (§6.3.3).</summary>
    public byte[] Raw { get; }

    public ReadOnlySpan<byte> RpIdHash => Raw.AsSpan(0, 32);

    public AuthenticatorFlags Flags { get; }

    public uint SignCount { get; }

    public AttestedCredentialData? AttestedCredential { get; }

    public bool UserPresent => Flags.HasFlag(AuthenticatorFlags.UserPresent);

    public bool UserVerified => Flags.HasFlag(AuthenticatorFlags.UserVerified);

    public bool BackupEligible => Flags.HasFlag(AuthenticatorFlags.BackupEligible);

    public bool BackedUp => Flags.HasFlag(AuthenticatorFlags.BackedUp);

    public static AuthenticatorData Parse(byte[] raw)
    {
        if (raw.Length > InputLimits.MaxFieldBytes)
        {
            throw Fail.With(PasskeyFailureReason.InputTooLarge, "authenticatorData is too large.");
        }

        if (raw.Length < FixedLength)
        {
            throw Fail.Malformed($"authenticatorData is {raw.Length} bytes; at least {FixedLength} are required.");
        }

        var flags = (AuthenticatorFlags)raw[32];
        var signCount = BinaryPrimitives.ReadUInt32BigEndian(raw.AsSpan(33, 4));
        var offset = FixedLength;
        AttestedCredentialData? attested = null;
        if (flags.HasFlag(AuthenticatorFlags.AttestedCredentialData))
        {
            (attested, offset) = ReadAttestedCredentialData(raw, offset);
        }

        if (flags.HasFlag(AuthenticatorFlags.ExtensionData))
        {
            offset = SkipExtensions(raw, offset);
        }

        if (offset != raw.Length)
        {
            throw Fail.Malformed($"authenticatorData has {raw.Length - offset} trailing bytes.");
        }

        return new AuthenticatorData(raw, flags, signCount, attested);
    }

    // §6.5.2: aaguid (16) | credentialIdLength (2, big-endian) | credentialId | credentialPublicKey (COSE_Key, CBOR).
    private static (AttestedCredentialData Data, int Offset) ReadAttestedCredentialData(byte[] raw, int offset)
    {
        if (raw.Length - offset < 18)
        {
            throw Fail.Malformed("authenticatorData sets AT but is too short for attested credential data.");
        }

        var aaguid = new Guid(raw.AsSpan(offset, 16), bigEndian: true);
        var idLength = BinaryPrimitives.ReadUInt16BigEndian(raw.AsSpan(offset + 16, 2));
        offset += 18;
        if (idLength > InputLimits.MaxCredentialIdBytes)
        {
            throw Fail.With(PasskeyFailureReason.CredentialIdTooLong, $"The credential ID is {idLength} bytes; at most {InputLimits.MaxCredentialIdBytes} are allowed (§5.1).");
        }

        if (idLength == 0 || raw.Length - offset < idLength)
        {
            throw Fail.Malformed("authenticatorData holds an empty or truncated credential ID.");
        }

        var credentialId = raw.AsSpan(offset, idLength).ToArray();
        offset += idLength;
        var keyLength = BoundedCbor.Guard("credentialPublicKey", () =>
        {
            var reader = BoundedCbor.Reader(raw.AsMemory(offset), allowMultipleRootValues: true);
            BoundedCbor.SkipValue(reader);
            return raw.Length - offset - reader.BytesRemaining;
        });
        var publicKey = raw.AsSpan(offset, keyLength).ToArray();
        return (new AttestedCredentialData(aaguid, credentialId, publicKey), offset + keyLength);
    }

    // §6.1: extensions are a CBOR map. We act on none of them, but they must be well-formed and bounded.
    private static int SkipExtensions(byte[] raw, int offset) => BoundedCbor.Guard("authenticatorData extensions", () =>
    {
        var reader = BoundedCbor.Reader(raw.AsMemory(offset), allowMultipleRootValues: true);
        if (reader.PeekState() != System.Formats.Cbor.CborReaderState.StartMap)
        {
            throw Fail.Malformed("authenticatorData extensions must be a CBOR map.");
        }

        BoundedCbor.SkipValue(reader);
        return raw.Length - reader.BytesRemaining;
    });
}
