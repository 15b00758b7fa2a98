using System.Formats.Cbor;
using System.Security.Cryptography;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Tests.Passkeys;

/// <summary>COSE_Key parsing (§6.5.1.1): well-formed keys only, each defect named.</summary>
public sealed class CoseKeyTests
{
    private static readonly ECParameters Point = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportParameters(false);

    [Fact]
    public void A_well_formed_P256_key_parses_as_ES256()
    {
        Assert.Equal(CoseAlgorithm.ES256, CoseKey.Parse(TestCbor.Es256Key(Point)).Algorithm);
    }

    [Fact]
    public void An_ES256_key_verifies_a_DER_signature_and_nothing_else()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var cose = CoseKey.Parse(TestCbor.Es256Key(key.ExportParameters(false)));
        var data = "data"u8.ToArray();
        var signature = key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        Assert.True(cose.VerifySignature(data, signature));
        Assert.False(cose.VerifySignature("other"u8, signature));
        Assert.False(cose.VerifySignature(data, key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));
        Assert.False(cose.VerifySignature(data, [.. signature, 0]));
        Assert.False(cose.VerifySignature(data, new byte[72]));
    }

    [Fact]
    public void An_RS256_key_verifies_a_PKCS1_signature_and_nothing_else()
    {
        using var key = RSA.Create(2048);
        var parameters = key.ExportParameters(false);
        var cose = CoseKey.Parse(TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -257), TestCbor.Bytes(-1, parameters.Modulus!), TestCbor.Bytes(-2, parameters.Exponent!)));
        var data = "data"u8.ToArray();

        Assert.Equal(CoseAlgorithm.RS256, cose.Algorithm);
        Assert.True(cose.VerifySignature(data, key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)));
        Assert.False(cose.VerifySignature(data, key.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pss)));
        Assert.False(cose.VerifySignature(data, new byte[256]));
        Assert.False(cose.VerifySignature(data, new byte[255]));
    }

    [Theory]
    [InlineData("kty OKP", PasskeyFailureReason.UnsupportedAlgorithm)]
    [InlineData("alg EdDSA", PasskeyFailureReason.UnsupportedAlgorithm)]
    [InlineData("alg ES384", PasskeyFailureReason.UnsupportedAlgorithm)]
    [InlineData("alg PS256", PasskeyFailureReason.UnsupportedAlgorithm)]
    [InlineData("no alg", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("no kty", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("kty RSA with ES256", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("curve P-384", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("no y", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("x of 31 bytes", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("x of 33 bytes", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("x as text", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("crv as bytes", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("alg as text", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("off the curve", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("coordinate above p", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("point at zero", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("RSA 1024 bits", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("RSA even exponent", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("RSA exponent 1", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("RSA leading zero", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("RSA kty EC2", PasskeyFailureReason.InvalidPublicKey)]
    [InlineData("duplicate label", PasskeyFailureReason.Malformed)]
    [InlineData("trailing byte", PasskeyFailureReason.Malformed)]
    [InlineData("array", PasskeyFailureReason.Malformed)]
    [InlineData("empty", PasskeyFailureReason.Malformed)]
    [InlineData("truncated", PasskeyFailureReason.Malformed)]
    [InlineData("deep nesting", PasskeyFailureReason.Malformed)]
    [InlineData("huge integer label", PasskeyFailureReason.Malformed)]
    public void A_defective_key_is_refused_with_its_reason(string defect, PasskeyFailureReason expected)
    {
        var failure = Assert.Throws<PasskeyVerificationException>(() => CoseKey.Parse(Defective(defect)));
        Assert.Equal(expected, failure.Reason);
    }

    private static byte[] Defective(string defect)
    {
        var x = Point.Q.X!;
        var y = Point.Q.Y!;
        using var rsa = RSA.Create(2048);
        var n = rsa.ExportParameters(false).Modulus!;
        return defect switch
        {
            "kty OKP" => TestCbor.Map(TestCbor.Int(1, 1), TestCbor.Int(3, -7), TestCbor.Int(-1, 6), TestCbor.Bytes(-2, x)),
            "alg EdDSA" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -8), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "alg ES384" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -35), TestCbor.Int(-1, 2), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "alg PS256" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -37), TestCbor.Bytes(-1, n), TestCbor.Bytes(-2, [1, 0, 1])),
            "no alg" => TestCbor.Es256Key(Point, 3),
            "no kty" => TestCbor.Es256Key(Point, 1),
            "kty RSA with ES256" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "curve P-384" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 2), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "no y" => TestCbor.Es256Key(Point, -3),
            "x of 31 bytes" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x[1..]), TestCbor.Bytes(-3, y)),
            "x of 33 bytes" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, [0, .. x]), TestCbor.Bytes(-3, y)),
            "x as text" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Text(-2, "x"), TestCbor.Bytes(-3, y)),
            "crv as bytes" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Bytes(-1, [1]), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "alg as text" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Text(3, "ES256"), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "off the curve" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, [.. y[..^1], (byte)(y[^1] ^ 1)])),
            "coordinate above p" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, Enumerable.Repeat((byte)0xff, 32).ToArray()), TestCbor.Bytes(-3, y)),
            "point at zero" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, new byte[32]), TestCbor.Bytes(-3, new byte[32])),
            "RSA 1024 bits" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -257), TestCbor.Bytes(-1, n[..128]), TestCbor.Bytes(-2, [1, 0, 1])),
            "RSA even exponent" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -257), TestCbor.Bytes(-1, n), TestCbor.Bytes(-2, [1, 0, 2])),
            "RSA exponent 1" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -257), TestCbor.Bytes(-1, n), TestCbor.Bytes(-2, [1])),
            "RSA leading zero" => TestCbor.Map(TestCbor.Int(1, 3), TestCbor.Int(3, -257), TestCbor.Bytes(-1, [0, .. n]), TestCbor.Bytes(-2, [1, 0, 1])),
            "RSA kty EC2" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(3, -257), TestCbor.Bytes(-1, n), TestCbor.Bytes(-2, [1, 0, 1])),
            "duplicate label" => TestCbor.Map(TestCbor.Int(1, 2), TestCbor.Int(1, 2), TestCbor.Int(3, -7), TestCbor.Int(-1, 1), TestCbor.Bytes(-2, x), TestCbor.Bytes(-3, y)),
            "trailing byte" => [.. TestCbor.Es256Key(Point), 0],
            "array" => [0x80],
            "empty" => [],
            "truncated" => TestCbor.Es256Key(Point)[..40],
            "deep nesting" => [0xa1, 0x20, .. Enumerable.Repeat((byte)0x81, 500), 0x00],
            "huge integer label" => [0xa1, 0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };
    }

    [Fact]
    public void Text_labels_and_unknown_integer_labels_are_ignored()
    {
        var writer = new CborWriter(CborConformanceMode.Lax);
        writer.WriteStartMap(7);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteInt32(-7);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(Point.Q.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(Point.Q.Y!);
        writer.WriteTextString("note");
        writer.WriteStartArray(1);
        writer.WriteTextString("ignored");
        writer.WriteEndArray();
        writer.WriteInt32(4);
        writer.WriteStartArray(1);
        writer.WriteInt32(2);
        writer.WriteEndArray();
        writer.WriteEndMap();

        Assert.Equal(CoseAlgorithm.ES256, CoseKey.Parse(writer.Encode()).Algorithm);
    }
}
