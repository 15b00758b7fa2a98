using Fido2NetLib.Objects;
using System.Buffers.Binary;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>
/// A WebAuthn authenticator and browser in one, in software: holds one ES256 or RS256 credential,
/// answers create() and get() with the JSON a browser's PublicKeyCredential.toJSON() posts, and can be
/// told to misbehave (flags, counter, signature, origin, attestation). Written from the spec
/// independently of the verifier, so that the two check each other. Reusable by end-to-end tests:
/// feed it the options JSON the server issued.
/// </summary>
public sealed class SoftwareAuthenticator : IDisposable
{
    private readonly ECDsa? _ecdsa;
    private readonly RSA? _rsa;
    private readonly NSec.Cryptography.Key? _ed25519;

    public SoftwareAuthenticator(COSE.Algorithm algorithm = COSE.Algorithm.ES256)
    {
        Algorithm = algorithm;
        switch (algorithm)
        {
            case COSE.Algorithm.ES256:
                _ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                break;
            case COSE.Algorithm.RS256:
                _rsa = RSA.Create(2048);
                break;
            case COSE.Algorithm.EdDSA:
                _ed25519 = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519);
                break;
            default:
                throw new ArgumentException("The software authenticator has ES256, RS256 and EdDSA (Ed25519) keys only.", nameof(algorithm));
        }

        PublicKeyCose = EncodePublicKey();
    }

    public COSE.Algorithm Algorithm { get; }

    /// <summary>Random by default; settable so tests can try oversized or colliding IDs.</summary>
    public byte[] CredentialId { get; set; } = RandomNumberGenerator.GetBytes(32);

    public Guid Aaguid { get; set; } = new("7f1c2bd4-0e5a-4c1e-9a57-5b1a0f0f17a0");

    /// <summary>The counter the next ceremony reports, after adding <see cref="CounterStep"/> (§6.1.1).</summary>
    public uint SignCount { get; set; }

    /// <summary>How much each ceremony adds to the counter; 0 imitates authenticators without a counter.</summary>
    public uint CounterStep { get; set; } = 1;

    public bool BackupEligible { get; set; }

    public bool BackedUp { get; set; }

    /// <summary>The user handle stored with the (discoverable) credential at registration.</summary>
    public byte[]? UserHandle { get; private set; }

    /// <summary>The credential public key as COSE_Key, what a correct relying party stores.</summary>
    public byte[] PublicKeyCose { get; }

    /// <summary>Answers navigator.credentials.create() with RegistrationResponseJSON.</summary>
    public string Register(SoftwareCeremony ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        UserHandle = ceremony.UserHandle ?? RandomNumberGenerator.GetBytes(16);
        var clientDataJson = ClientDataJson(ceremony, "webauthn.create");
        var authenticatorData = AuthenticatorData(ceremony, attested: true);
        var attestationObject = AttestationObject(ceremony, authenticatorData, SHA256.HashData(clientDataJson));
        var response = new JsonObject
        {
            ["clientDataJSON"] = Base64UrlText.Encode(clientDataJson),
            ["attestationObject"] = Base64UrlText.Encode(attestationObject),
            ["transports"] = new JsonArray([.. ceremony.Transports.Select(transport => (JsonNode)transport)]),
        };
        return Credential(ceremony, response);
    }

    /// <summary>Answers navigator.credentials.get() with AuthenticationResponseJSON.</summary>
    public string Authenticate(SoftwareCeremony ceremony)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        var clientDataJson = ClientDataJson(ceremony, "webauthn.get");
        var authenticatorData = AuthenticatorData(ceremony, attested: false);
        var signature = Sign([.. authenticatorData, .. SHA256.HashData(clientDataJson)]);
        var response = new JsonObject
        {
            ["clientDataJSON"] = Base64UrlText.Encode(clientDataJson),
            ["authenticatorData"] = Base64UrlText.Encode(authenticatorData),
            ["signature"] = Base64UrlText.Encode(ceremony.TamperSignature?.Invoke(signature) ?? signature),
        };
        var userHandle = ceremony.UserHandle ?? UserHandle;
        if (!ceremony.OmitUserHandle && userHandle is not null)
        {
            response["userHandle"] = Base64UrlText.Encode(userHandle);
        }

        return Credential(ceremony, response);
    }

    /// <summary>Like a browser given the server's creation options JSON, at <paramref name="origin"/>.</summary>
    public string Register(PublicKeyCredentialCreationOptionsJson options, string origin)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.PubKeyCredParams.Any(parameter => parameter.Alg == (int)Algorithm))
        {
            throw new InvalidOperationException($"The server does not offer {Algorithm}; a real authenticator would refuse.");
        }

        return Register(new SoftwareCeremony(options.Rp.Id, origin, Base64UrlText.Decode(options.Challenge))
        {
            UserHandle = Base64UrlText.Decode(options.User.Id),
        });
    }

    /// <summary>Like a browser given the server's request options JSON, at <paramref name="origin"/>.</summary>
    public string Authenticate(PublicKeyCredentialRequestOptionsJson options, string origin)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Authenticate(new SoftwareCeremony(options.RpId, origin, Base64UrlText.Decode(options.Challenge)));
    }

    public void Dispose()
    {
        _ecdsa?.Dispose();
        _rsa?.Dispose();
        _ed25519?.Dispose();
    }

    private string Credential(SoftwareCeremony ceremony, JsonObject response)
    {
        var id = Base64UrlText.Encode(ceremony.ReportedCredentialId ?? CredentialId);
        return new JsonObject
        {
            ["id"] = id,
            ["rawId"] = id,
            ["type"] = "public-key",
            ["response"] = response,
            ["authenticatorAttachment"] = "platform",
            ["clientExtensionResults"] = new JsonObject(),
        }.ToJsonString();
    }

    // §5.8.1.1: the browser's serialisation, type, challenge, origin, crossOrigin, then topOrigin.
    private static byte[] ClientDataJson(SoftwareCeremony ceremony, string type)
    {
        var clientData = new JsonObject
        {
            ["type"] = ceremony.ClientDataType ?? type,
            ["challenge"] = Base64UrlText.Encode(ceremony.Challenge),
            ["origin"] = ceremony.Origin,
            ["crossOrigin"] = ceremony.CrossOrigin,
        };
        if (ceremony.TopOrigin is not null)
        {
            clientData["topOrigin"] = ceremony.TopOrigin;
        }

        return Encoding.UTF8.GetBytes(clientData.ToJsonString());
    }

    // §6.1: rpIdHash | flags | signCount | attested credential data (registration).
    private byte[] AuthenticatorData(SoftwareCeremony ceremony, bool attested)
    {
        SignCount += CounterStep;
        var flags = (byte)((ceremony.UserPresent ? 0x01 : 0) | (ceremony.UserVerified ? 0x04 : 0)
            | (BackupEligible ? 0x08 : 0) | (BackedUp ? 0x10 : 0) | (attested ? 0x40 : 0));
        flags = ceremony.TamperFlags?.Invoke(flags) ?? flags;

        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(ceremony.RpId))) { flags };
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, SignCount);
        data.AddRange(counter);
        if (attested)
        {
            data.AddRange(Aaguid.ToByteArray(bigEndian: true));
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)CredentialId.Length));
            data.AddRange(length);
            data.AddRange(CredentialId);
            data.AddRange(PublicKeyCose);
        }

        return [.. data];
    }

    // §6.5.4: { "fmt", "attStmt", "authData" }, CTAP2 canonical as authenticators send it.
    private byte[] AttestationObject(SoftwareCeremony ceremony, byte[] authenticatorData, byte[] clientDataHash)
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString(ceremony.Attestation == SoftwareAttestation.None ? "none" : "packed");
        writer.WriteTextString("attStmt");
        byte[] signed = [.. authenticatorData, .. clientDataHash];
        switch (ceremony.Attestation)
        {
            case SoftwareAttestation.None:
                writer.WriteStartMap(0);
                writer.WriteEndMap();
                break;
            case SoftwareAttestation.PackedSelf:
                WritePackedStatement(writer, ceremony, ceremony.AttestationAlgorithm ?? (int)Algorithm, Sign(signed), certificate: null);
                break;
            case SoftwareAttestation.PackedCertificate:
                var certificate = ceremony.AttestationCertificate ?? throw new InvalidOperationException("PackedCertificate needs an AttestationCertificate.");
                using (var key = certificate.GetECDsaPrivateKey()
                    ?? throw new InvalidOperationException("The attestation certificate needs an ECDSA private key."))
                {
                    var signature = key.SignData(signed, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                    WritePackedStatement(writer, ceremony, ceremony.AttestationAlgorithm ?? (int)COSE.Algorithm.ES256, signature, certificate.RawData);
                }

                break;
        }

        writer.WriteTextString("authData");
        writer.WriteByteString(authenticatorData);
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static void WritePackedStatement(CborWriter writer, SoftwareCeremony ceremony, int algorithm, byte[] signature, byte[]? certificate)
    {
        writer.WriteStartMap(certificate is null ? 2 : 3);
        writer.WriteTextString("alg");
        writer.WriteInt32(algorithm);
        writer.WriteTextString("sig");
        writer.WriteByteString(ceremony.TamperSignature?.Invoke(signature) ?? signature);
        if (certificate is not null)
        {
            writer.WriteTextString("x5c");
            writer.WriteStartArray(1);
            writer.WriteByteString(certificate);
            writer.WriteEndArray();
        }

        writer.WriteEndMap();
    }

    // §6.5.6: ES256 signatures are DER Ecdsa-Sig-Value; RS256 is PKCS#1 v1.5; EdDSA is RFC 8032's 64 bytes.
    private byte[] Sign(byte[] data) =>
        _ecdsa?.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
        ?? _rsa?.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
        ?? NSec.Cryptography.SignatureAlgorithm.Ed25519.Sign(_ed25519!, data);

    // RFC 9053 §7.1.1 (EC2), §7.2 (OKP) and RFC 8230 §4 (RSA).
    private byte[] EncodePublicKey()
    {
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        if (_ed25519 is not null)
        {
            writer.WriteStartMap(4);
            writer.WriteInt32(1);
            writer.WriteInt32(1);
            writer.WriteInt32(3);
            writer.WriteInt32((int)COSE.Algorithm.EdDSA);
            writer.WriteInt32(-1);
            writer.WriteInt32(6);
            writer.WriteInt32(-2);
            writer.WriteByteString(_ed25519.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.RawPublicKey));
        }
        else if (_ecdsa is not null)
        {
            var point = _ecdsa.ExportParameters(false).Q;
            writer.WriteStartMap(5);
            writer.WriteInt32(1);
            writer.WriteInt32(2);
            writer.WriteInt32(3);
            writer.WriteInt32((int)COSE.Algorithm.ES256);
            writer.WriteInt32(-1);
            writer.WriteInt32(1);
            writer.WriteInt32(-2);
            writer.WriteByteString(point.X!);
            writer.WriteInt32(-3);
            writer.WriteByteString(point.Y!);
        }
        else
        {
            var parameters = _rsa!.ExportParameters(false);
            writer.WriteStartMap(4);
            writer.WriteInt32(1);
            writer.WriteInt32(3);
            writer.WriteInt32(3);
            writer.WriteInt32((int)COSE.Algorithm.RS256);
            writer.WriteInt32(-1);
            writer.WriteByteString(parameters.Modulus!);
            writer.WriteInt32(-2);
            writer.WriteByteString(parameters.Exponent!);
        }

        writer.WriteEndMap();
        return writer.Encode();
    }
}
