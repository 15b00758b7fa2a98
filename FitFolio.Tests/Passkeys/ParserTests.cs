using System.Text;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Tests.Passkeys;

/// <summary>authenticatorData, attestationObject and clientDataJSON parsers on hand-made malformed input.</summary>
public sealed class ParserTests
{
    private const string RpId = PasskeyHarness.RpId;

    [Fact]
    public void Authenticator_data_exposes_flags_counter_and_attested_credential()
    {
        var id = new byte[] { 1, 2, 3 };
        var key = TestCbor.Es256Key();
        var data = AuthenticatorData.Parse(TestCbor.AuthenticatorData(RpId, 0x5D, 0x01020304, id, key));

        Assert.True(data.UserPresent);
        Assert.True(data.UserVerified);
        Assert.True(data.BackupEligible);
        Assert.True(data.BackedUp);
        Assert.Equal(0x01020304u, data.SignCount);
        Assert.Equal(id, data.AttestedCredential!.CredentialId);
        Assert.Equal(key, data.AttestedCredential.PublicKeyCose);
        Assert.Equal(Guid.Empty, data.AttestedCredential.Aaguid);
    }

    [Theory]
    [InlineData("36 bytes", PasskeyFailureReason.Malformed)]
    [InlineData("empty", PasskeyFailureReason.Malformed)]
    [InlineData("AT without data", PasskeyFailureReason.Malformed)]
    [InlineData("AT with 17 bytes", PasskeyFailureReason.Malformed)]
    [InlineData("id length beyond data", PasskeyFailureReason.Malformed)]
    [InlineData("zero length id", PasskeyFailureReason.Malformed)]
    [InlineData("1024 byte id", PasskeyFailureReason.CredentialIdTooLong)]
    [InlineData("65535 byte id declared", PasskeyFailureReason.CredentialIdTooLong)]
    [InlineData("no key after id", PasskeyFailureReason.Malformed)]
    [InlineData("truncated key", PasskeyFailureReason.Malformed)]
    [InlineData("trailing bytes without ED", PasskeyFailureReason.Malformed)]
    [InlineData("ED without extensions", PasskeyFailureReason.Malformed)]
    [InlineData("ED with an array", PasskeyFailureReason.Malformed)]
    [InlineData("ED with bytes after the map", PasskeyFailureReason.Malformed)]
    [InlineData("ED with nesting bomb", PasskeyFailureReason.Malformed)]
    [InlineData("ED with a 2^32 length", PasskeyFailureReason.Malformed)]
    [InlineData("oversized", PasskeyFailureReason.InputTooLarge)]
    public void Malformed_authenticator_data_is_refused_with_its_reason(string defect, PasskeyFailureReason expected)
    {
        byte[] id = [1, 2, 3, 4];
        var data = defect switch
        {
            "36 bytes" => TestCbor.AuthenticatorData(RpId, 0x05, 1)[..36],
            "empty" => [],
            "AT without data" => TestCbor.AuthenticatorData(RpId, 0x45, 1),
            "AT with 17 bytes" => [.. TestCbor.AuthenticatorData(RpId, 0x45, 1), .. new byte[17]],
            "id length beyond data" => TestCbor.AuthenticatorData(RpId, 0x45, 1, id, [], declaredIdLength: 500),
            "zero length id" => TestCbor.AuthenticatorData(RpId, 0x45, 1, [], TestCbor.Es256Key()),
            "1024 byte id" => TestCbor.AuthenticatorData(RpId, 0x45, 1, new byte[1024]),
            "65535 byte id declared" => TestCbor.AuthenticatorData(RpId, 0x45, 1, id, declaredIdLength: 65535),
            "no key after id" => TestCbor.AuthenticatorData(RpId, 0x45, 1, id, []),
            "truncated key" => TestCbor.AuthenticatorData(RpId, 0x45, 1, id)[..^5],
            "trailing bytes without ED" => TestCbor.AuthenticatorData(RpId, 0x45, 1, id, extensions: [0xa0]),
            "ED without extensions" => TestCbor.AuthenticatorData(RpId, 0xC5, 1, id),
            "ED with an array" => TestCbor.AuthenticatorData(RpId, 0xC5, 1, id, extensions: [0x80]),
            "ED with bytes after the map" => TestCbor.AuthenticatorData(RpId, 0xC5, 1, id, extensions: [0xa0, 0x00]),
            "ED with nesting bomb" => TestCbor.AuthenticatorData(RpId, 0x85, 1, extensions: [0xa1, 0x01, .. Enumerable.Repeat((byte)0x81, 2000), 0x00]),
            "ED with a 2^32 length" => TestCbor.AuthenticatorData(RpId, 0x85, 1, extensions: [0xa1, 0x01, 0x5a, 0xff, 0xff, 0xff, 0xff]),
            "oversized" => new byte[16 * 1024 + 1],
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var failure = Assert.Throws<PasskeyVerificationException>(() => AuthenticatorData.Parse(data));

        Assert.Equal(expected, failure.Reason);
    }

    [Theory]
    [InlineData("not a map")]
    [InlineData("missing fmt")]
    [InlineData("missing attStmt")]
    [InlineData("missing authData")]
    [InlineData("fmt not text")]
    [InlineData("attStmt not a map")]
    [InlineData("authData not bytes")]
    [InlineData("integer key")]
    [InlineData("duplicate fmt")]
    [InlineData("trailing bytes")]
    [InlineData("truncated")]
    [InlineData("deep attStmt")]
    [InlineData("wide attStmt")]
    [InlineData("invalid UTF-8 in fmt")]
    [InlineData("indefinite map never closed")]
    public void A_malformed_attestation_object_is_malformed(string defect)
    {
        var authData = TestCbor.AuthenticatorData(RpId, 0x45, 1, [1], TestCbor.Es256Key());
        var good = TestCbor.AttestationObject("none", [0xa0], authData);
        var encoded = defect switch
        {
            "not a map" => [0x80],
            "missing fmt" => TestCbor.AttestationObject(null, [0xa0], authData),
            "missing attStmt" => TestCbor.AttestationObject("none", null, authData),
            "missing authData" => TestCbor.AttestationObject("none", [0xa0], null),
            "fmt not text" => [0xa3, 0x63, .. "fmt"u8, 0x01, 0x67, .. "attStmt"u8, 0xa0, 0x68, .. "authData"u8, 0x41, 0x00],
            "attStmt not a map" => TestCbor.AttestationObject("none", [0x80], authData),
            "authData not bytes" => [0xa3, 0x63, .. "fmt"u8, 0x64, .. "none"u8, 0x67, .. "attStmt"u8, 0xa0, 0x68, .. "authData"u8, 0x64, .. "text"u8],
            "integer key" => [0xa1, 0x01, 0x02],
            "duplicate fmt" => [0xa4, 0x63, .. "fmt"u8, 0x64, .. "none"u8, .. good[1..]],
            "trailing bytes" => [.. good, 0x00],
            "truncated" => good[..^3],
            "deep attStmt" => TestCbor.AttestationObject("none", [0xa1, 0x01, .. Enumerable.Repeat((byte)0x81, 20), 0x00], authData),
            "wide attStmt" => TestCbor.AttestationObject("none", [0x98, 0xc8, .. Enumerable.Repeat((byte)0x00, 200)], authData),
            "invalid UTF-8 in fmt" => [0xa1, 0x63, .. "fmt"u8, 0x62, 0xc3, 0x28],
            "indefinite map never closed" => [0xbf, 0x63, .. "fmt"u8, 0x64, .. "none"u8],
            _ => throw new ArgumentOutOfRangeException(nameof(defect)),
        };

        var failure = Assert.Throws<PasskeyVerificationException>(() => AttestationObject.Parse(encoded));

        Assert.Equal(PasskeyFailureReason.Malformed, failure.Reason);
    }

    [Fact]
    public void Client_data_is_read_as_JSON_whatever_its_layout()
    {
        var clientData = ClientData.Parse(Encoding.UTF8.GetBytes("{\r\n\t\"origin\" : \"https:\\/\\/fitfolio.test\",\"challenge\":\"AAAA\",\n\"type\":\"webauthn.get\",\"other\":{\"a\":[1,2]}}"));

        Assert.Equal("webauthn.get", clientData.Type);
        Assert.Equal("https://fitfolio.test", clientData.Origin);
        Assert.Equal("AAAA", clientData.Challenge);
        Assert.False(clientData.CrossOrigin);
        Assert.Null(clientData.TopOrigin);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"challenge\":\"AAAA\",\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\"}")]
    [InlineData("{\"type\":1,\"challenge\":\"AAAA\",\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":null,\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"o\",\"crossOrigin\":\"false\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"o\",\"topOrigin\":7}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"challenge\":\"BBBB\",\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"o\"} x")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"o\",}")]
    [InlineData("{\"type\":\"webauthn.get\",/*c*/\"challenge\":\"AAAA\",\"origin\":\"o\"}")]
    [InlineData("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\"o\",\"x\":[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]}")]
    public void Malformed_client_data_is_malformed(string json)
    {
        var failure = Assert.Throws<PasskeyVerificationException>(() => ClientData.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(PasskeyFailureReason.Malformed, failure.Reason);
    }

    [Fact]
    public void Client_data_that_is_not_UTF8_is_malformed()
    {
        byte[] json = [.. "{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\",\"origin\":\""u8, 0xff, 0xfe, .. "\"}"u8];
        Assert.Equal(PasskeyFailureReason.Malformed, Assert.Throws<PasskeyVerificationException>(() => ClientData.Parse(json)).Reason);
    }
}
