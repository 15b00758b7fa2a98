using System.Security.Cryptography;

namespace FitFolio.Grains.Passkeys.Internal;

/// <summary>An EC2 key on P-256 for ES256 (RFC 9053 §2.1, §7.1.1).</summary>
internal sealed class Es256CoseKey : CoseKey
{
    private const long KtyEc2 = 2;
    private const long CrvP256 = 1;
    private const int CoordinateLength = 32;

    // A DER Ecdsa-Sig-Value for P-256 (§6.5.6) is a SEQUENCE of two INTEGERs of at most 33 bytes: at most 72 bytes.
    private const int MaxDerSignatureLength = 72;

    private readonly byte[] _x;
    private readonly byte[] _y;

    private Es256CoseKey(byte[] x, byte[] y)
    {
        _x = x;
        _y = y;
    }

    public override CoseAlgorithm Algorithm => CoseAlgorithm.ES256;

    public static Es256CoseKey From(long kty, CoseKeyLabels labels)
    {
        if (kty != KtyEc2)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"ES256 needs an EC2 key (kty 2), not kty {kty}.");
        }

        var crv = labels.Integer(-1, "crv");
        if (crv != CrvP256)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, $"ES256 needs curve P-256 (crv 1), not crv {crv}.");
        }

        // §6.5.6 / RFC 9053 §7.1.1: x and y are uncompressed coordinates of exactly the field size.
        var x = labels.Bytes(-2, "x");
        var y = labels.Bytes(-3, "y");
        if (x.Length != CoordinateLength || y.Length != CoordinateLength)
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, "ES256 key coordinates must be 32 bytes each.");
        }

        if (!P256Curve.IsOnCurve(x, y))
        {
            throw Fail.With(PasskeyFailureReason.InvalidPublicKey, "The ES256 key is not a point on P-256.");
        }

        return new Es256CoseKey(x, y);
    }

    public override bool VerifySignature(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (signature.Length is < 8 or > MaxDerSignatureLength)
        {
            return false;
        }

        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = _x, Y = _y },
            });
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
