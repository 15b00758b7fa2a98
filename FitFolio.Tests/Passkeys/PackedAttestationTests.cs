using Fido2NetLib.Objects;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>Packed attestation with an x5c certificate (§8.2) and the leaf requirements of §8.2.1.</summary>
public sealed class PackedAttestationTests : IDisposable
{
    private readonly PasskeyHarness _harness = new();
    private readonly SoftwareAuthenticator _authenticator = new();

    public void Dispose() => _authenticator.Dispose();

    [Fact]
    public void A_leaf_meeting_every_requirement_with_a_matching_aaguid_is_accepted()
    {
        using var certificate = AttestationCertificates.Create(aaguid: _authenticator.Aaguid);

        var passkey = _harness.Register(
            _authenticator, c => c with { Attestation = SoftwareAttestation.PackedCertificate, AttestationCertificate = certificate });

        Assert.Equal("packed", passkey.AttestationFormat);
        Assert.Equal("attca", passkey.AttestationType);
    }

    [Fact]
    public void A_leaf_without_the_aaguid_extension_is_accepted()
    {
        using var certificate = AttestationCertificates.Create();
        Assert.Equal("attca", Register(certificate).AttestationType);
    }

    [Fact]
    public void A_leaf_naming_another_aaguid_is_refused()
    {
        using var certificate = AttestationCertificates.Create(aaguid: Guid.NewGuid());
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, Fails(certificate).Reason);
    }

    [Fact]
    public void A_critical_aaguid_extension_is_refused()
    {
        using var certificate = AttestationCertificates.Create(aaguid: _authenticator.Aaguid, aaguidCritical: true);
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, Fails(certificate).Reason);
    }

    [Fact]
    public void A_certificate_authority_as_leaf_is_refused()
    {
        using var certificate = AttestationCertificates.Create(certificateAuthority: true);
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, Fails(certificate).Reason);
    }

    [Theory]
    [InlineData("C=SE, O=Vendor, OU=Authenticator attestation, CN=Key")]
    [InlineData("C=SE, O=Vendor, CN=Key")]
    [InlineData("O=Vendor, OU=Authenticator Attestation, CN=Key")]
    [InlineData("C=SE, OU=Authenticator Attestation, CN=Key")]
    [InlineData("C=SE, O=Vendor, OU=Authenticator Attestation")]
    public void A_leaf_subject_outside_the_required_form_is_refused(string subject)
    {
        using var certificate = AttestationCertificates.Create(subject);
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, Fails(certificate).Reason);
    }

    [Fact]
    public void A_signature_that_the_leaf_key_did_not_make_is_refused()
    {
        using var certificate = AttestationCertificates.Create();
        var failure = _harness.RegistrationFails(_authenticator, c => c with
        {
            Attestation = SoftwareAttestation.PackedCertificate,
            AttestationCertificate = certificate,
            TamperSignature = s => [.. s[..^1], (byte)(s[^1] ^ 1)],
        });
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, failure.Reason);
    }

    [Fact]
    public void An_algorithm_that_does_not_fit_the_leaf_key_is_refused()
    {
        using var certificate = AttestationCertificates.Create();
        var failure = _harness.RegistrationFails(_authenticator, c => c with
        {
            Attestation = SoftwareAttestation.PackedCertificate,
            AttestationCertificate = certificate,
            AttestationAlgorithm = (int)COSE.Algorithm.RS256,
        });
        Assert.Equal(PasskeyFailureReason.InvalidPublicKey, failure.Reason);
    }

    [Fact]
    public void An_unknown_attestation_algorithm_is_refused()
    {
        using var certificate = AttestationCertificates.Create();
        var failure = _harness.RegistrationFails(_authenticator, c => c with
        {
            Attestation = SoftwareAttestation.PackedCertificate,
            AttestationCertificate = certificate,
            AttestationAlgorithm = -65535,
        });
        Assert.Equal(PasskeyFailureReason.InvalidPublicKey, failure.Reason);
    }

    [Fact]
    public void X5c_entries_that_are_not_single_DER_certificates_are_refused()
    {
        using var certificate = AttestationCertificates.Create();
        var pem = Encoding.ASCII.GetBytes(certificate.ExportCertificatePem());
        PasskeyFailureReason[] reasons =
        [
            WithStatement(Statement(x5c: [pem])).Reason,
            WithStatement(Statement(x5c: [[.. certificate.RawData, 0]])).Reason,
            WithStatement(Statement(x5c: [RandomNumberGenerator.GetBytes(300)])).Reason,
            WithStatement(Statement(x5c: [[0x30, 0x03, 0x02, 0x01, 0x01]])).Reason,
        ];
        // Fido2 reads PEM and a DER certificate with trailing bytes as the certificate they hold, so those two
        // fail at the statement's signature instead; every entry is refused.
        Assert.Equal(
            [
                PasskeyFailureReason.BadSignature, PasskeyFailureReason.BadSignature,
                PasskeyFailureReason.InvalidAttestationStatement, PasskeyFailureReason.InvalidAttestationStatement,
            ],
            reasons);
    }

    [Fact]
    public void Packed_statements_outside_the_format_syntax_are_refused()
    {
        using var certificate = AttestationCertificates.Create();
        PasskeyFailureReason[] reasons =
        [
            WithStatement(Statement(x5c: [])).Reason,
            WithStatement(Statement(includeAlgorithm: false)).Reason,
            WithStatement(Statement(includeSignature: false)).Reason,
            WithStatement(Statement(extra: "ecdaaKeyId")).Reason,
            WithStatement(Statement(x5c: Enumerable.Repeat(certificate.RawData, 9).ToArray())).Reason,
            WithStatement(TestCbor.Map(w =>
            {
                w.WriteTextString("alg");
                w.WriteTextString("ES256");
            })).Reason,
        ];
        // Fido2 sees an ecdaaKeyId as the (unsupported) ECDAA scheme, and has no chain-length limit, so nine
        // certificates fail at the signature; every statement is refused.
        Assert.Equal(
            [
                PasskeyFailureReason.InvalidAttestationStatement,
                PasskeyFailureReason.InvalidAttestationStatement,
                PasskeyFailureReason.InvalidAttestationStatement,
                PasskeyFailureReason.UnsupportedAlgorithm, PasskeyFailureReason.BadSignature, PasskeyFailureReason.InvalidAttestationStatement,
            ],
            reasons);
    }

    private RegisteredPasskey Register(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        _harness.Register(_authenticator, c => c with { Attestation = SoftwareAttestation.PackedCertificate, AttestationCertificate = certificate });

    private PasskeyVerificationException Fails(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        _harness.RegistrationFails(_authenticator, c => c with { Attestation = SoftwareAttestation.PackedCertificate, AttestationCertificate = certificate });

    private PasskeyVerificationException WithStatement(byte[] statement)
    {
        var (json, pending) = _harness.StartRegistration(_authenticator);
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => ("packed", statement, parts.AuthData));
        return Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));
    }

    private static byte[] Statement(bool includeAlgorithm = true, bool includeSignature = true, byte[][]? x5c = null, string? extra = null)
    {
        var entries = new List<Action<CborWriter>>();
        if (includeAlgorithm)
        {
            entries.Add(w =>
            {
                w.WriteTextString("alg");
                w.WriteInt32(-7);
            });
        }

        if (includeSignature)
        {
            entries.Add(w =>
            {
                w.WriteTextString("sig");
                w.WriteByteString(new byte[70]);
            });
        }

        if (x5c is not null)
        {
            entries.Add(w =>
            {
                w.WriteTextString("x5c");
                w.WriteStartArray(x5c.Length);
                foreach (var certificate in x5c)
                {
                    w.WriteByteString(certificate);
                }

                w.WriteEndArray();
            });
        }

        if (extra is not null)
        {
            entries.Add(w =>
            {
                w.WriteTextString(extra);
                w.WriteByteString([1]);
            });
        }

        return TestCbor.Map([.. entries]);
    }
}
