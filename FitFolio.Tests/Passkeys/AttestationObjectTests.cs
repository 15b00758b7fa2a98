using System.Formats.Cbor;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>Registration with hand-edited attestation objects (§6.5.4): formats, statements, authenticator data, CBOR form.</summary>
public sealed class AttestationObjectTests
{
    private readonly PasskeyHarness _harness = new();
    [Theory]
    [InlineData("")]
    [InlineData("NONE")]
    [InlineData("u2f")]
    [InlineData("compound-2")]
    public void Attestation_formats_Fido2_does_not_know_are_refused_by_name(string format)
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => (format, parts.AttStmt, parts.AuthData));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.UnsupportedAttestationFormat, failure.Reason);
        Assert.Equal("unsupported_attestation_format", failure.Code);
    }

    [Theory]
    [InlineData("fido-u2f", PasskeyFailureReason.InvalidAttestationStatement)]
    [InlineData("tpm", PasskeyFailureReason.InvalidAttestationStatement)]
    [InlineData("android-key", PasskeyFailureReason.InvalidAttestationStatement)]
    [InlineData("apple", PasskeyFailureReason.InvalidAttestationStatement)]
    [InlineData("android-safetynet", PasskeyFailureReason.Malformed)]
    public void A_format_Fido2_verifies_is_checked_by_its_rules_not_waved_through(string format, PasskeyFailureReason expected)
    {
        // Each of these formats is verified now (it was refused by name before Fido2): an empty statement
        // under its name must fail that format's verification, never pass as "none".
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => (format, parts.AttStmt, parts.AuthData));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(expected, failure.Reason);
    }

    [Fact]
    public void A_none_attestation_with_a_statement_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var statement = TestCbor.Map(w =>
        {
            w.WriteTextString("sig");
            w.WriteByteString([1, 2, 3]);
        });
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => (parts.Fmt, statement, parts.AuthData));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, failure.Reason);
    }

    [Fact]
    public void Registration_without_attested_credential_data_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var bare = TestCbor.AuthenticatorData(PasskeyHarness.RpId, 0x05, 1);
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => (parts.Fmt, parts.AttStmt, bare));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.AttestedCredentialDataMissing, failure.Reason);
    }

    [Fact]
    public void Authenticator_extensions_are_accepted_when_well_formed()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var extensions = TestCbor.Map(w =>
        {
            w.WriteTextString("credProtect");
            w.WriteInt32(2);
        });
        var authData = TestCbor.AuthenticatorData(PasskeyHarness.RpId, 0xC5, 7, authenticator.CredentialId, authenticator.PublicKeyCose, extensions);
        var edited = CredentialJsonEdits.RebuildAttestation(json, parts => (parts.Fmt, parts.AttStmt, authData));

        Assert.Equal(7u, _harness.Registrations.Verify(edited, pending).SignCount);
    }

    [Fact]
    public void Non_canonical_but_well_formed_attestation_cbor_is_accepted()
    {
        // §6.5.1 asks authenticators for CTAP2 canonical CBOR, but real ones (the Feitian vector) do not
        // sort keys; only well-formedness and unique keys are required of them.
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var edited = CredentialJsonEdits.Edit(json, c =>
        {
            var (fmt, attStmt, authData) = TestCbor.ReadAttestationObject(c.Response().Binary("attestationObject"));
            var writer = new CborWriter(CborConformanceMode.Lax);
            writer.WriteStartMap(null);
            writer.WriteTextString("authData");
            writer.WriteByteString(authData);
            writer.WriteTextString("attStmt");
            writer.WriteEncodedValue(attStmt);
            writer.WriteTextString("fmt");
            writer.WriteTextString(fmt);
            writer.WriteEndMap();
            c.Response().SetBinary("attestationObject", writer.Encode());
        });

        Assert.Equal(authenticator.CredentialId, _harness.Registrations.Verify(edited, pending).CredentialId);
    }
}
