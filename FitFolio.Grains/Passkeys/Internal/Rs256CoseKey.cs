using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>An RSA key for RS256, RSASSA-PKCS1-v1_5 with SHA-256 (RFC 8812 §2, RFC 8230 §4).</summary>
internal sealed class Rs256CoseKey : CoseKey
{
    private const long KtyRsa = 3;

    // RFC 8230 §6 asks for at least 2048 bits; the upper bound stops a client making us work with huge moduli.
    private const int MinModulusBits = 2048;
    private const int MaxModulusBits = 8192;

    private readonly byte[] _modulus;
    private readonly byte[] _exponent;

    private Rs256CoseKey(byte[] modulus, byte[] exponent)
    {
        _modulus = modulus;
        _exponent = exponent;
    }

    public override CoseAlgorithm Algorithm => CoseAlgorithm.RS256;

    public static Rs256CoseKey From(long kty, CoseKeyLabels labels)
    {
        if (kty != KtyRsa)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"RS256 needs an RSA key (kty 3), not kty {kty}.");
        }

        // RFC 8230 §4: n and e are unsigned big-endian byte strings without leading zero bytes.
        var n = labels.Bytes(-1, "n");
        var e = labels.Bytes(-2, "e");
        if (n.Length == 0 || n[0] == 0 || e.Length == 0 || e[0] == 0)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, "RSA n and e must be non-empty with no leading zero bytes.");
        }

        var bits = ((n.Length - 1) * 8) + (32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n[0]));
        if (bits is < MinModulusBits or > MaxModulusBits)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"An RSA modulus of {bits} bits is outside {MinModulusBits}–{MaxModulusBits}.");
        }

        // An even or tiny exponent is never a valid RSA public exponent; more than 4 bytes is never seen in practice.
        if (e.Length > 4 || (e[^1] & 1) == 0 || (e.Length == 1 && e[0] < 3))
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, "The RSA public exponent is invalid.");
        }

        return new Rs256CoseKey(n, e);
    }

    public override bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        // RFC 8017 §8.2.2 step 1: a signature is exactly as long as the modulus.
        if (signature.Length != _modulus.Length)
        {
            return false;
        }

        try
        {
            using var rsa = RSA.Create(new RSAParameters { Modulus = _modulus, Exponent = _exponent });
            return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
