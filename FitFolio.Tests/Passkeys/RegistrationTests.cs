using Fido2NetLib.Objects;
using System.Security.Cryptography;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>Registration (§7.1) against the software authenticator: what must pass and each way it must fail.</summary>
public sealed class RegistrationTests
{
    private readonly PasskeyHarness _harness = new();

    [Theory]
    [InlineData(COSE.Algorithm.ES256, SoftwareAttestation.None)]
    [InlineData(COSE.Algorithm.ES256, SoftwareAttestation.PackedSelf)]
    [InlineData(COSE.Algorithm.RS256, SoftwareAttestation.None)]
    [InlineData(COSE.Algorithm.RS256, SoftwareAttestation.PackedSelf)]
    [InlineData(COSE.Algorithm.EdDSA, SoftwareAttestation.None)]
    [InlineData(COSE.Algorithm.EdDSA, SoftwareAttestation.PackedSelf)]
    public void A_new_passkey_round_trips_with_everything_the_grain_stores(COSE.Algorithm algorithm, SoftwareAttestation attestation)
    {
        using var authenticator = new SoftwareAuthenticator(algorithm) { BackupEligible = true, BackedUp = true };

        var passkey = _harness.Register(authenticator, c => c with { Attestation = attestation, Transports = ["internal", "hybrid", "internal"] });

        Assert.Equal(authenticator.CredentialId, passkey.CredentialId);
        Assert.Equal(authenticator.PublicKeyCose, passkey.PublicKeyCose);
        Assert.Equal(algorithm, passkey.Algorithm);
        Assert.Equal(_harness.UserHandle, passkey.UserHandle);
        Assert.Equal(1u, passkey.SignCount);
        Assert.Equal(["internal", "hybrid"], passkey.Transports);
        Assert.True(passkey.BackupEligible);
        Assert.True(passkey.BackedUp);
        Assert.True(passkey.UserVerified);
        Assert.Equal(authenticator.Aaguid, passkey.Aaguid);
        Assert.Equal(attestation == SoftwareAttestation.None ? "none" : "packed", passkey.AttestationFormat);
        Assert.Equal(attestation == SoftwareAttestation.None ? "none" : "self", passkey.AttestationType);
        Assert.Equal("platform", passkey.AuthenticatorAttachment);
    }

    [Fact]
    public void A_response_to_someone_elses_challenge_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(authenticator, c => c with { Challenge = RandomNumberGenerator.GetBytes(32) });
        Assert.Equal(PasskeyFailureReason.ChallengeMismatch, failure.Reason);
    }

    [Fact]
    public void A_replayed_registration_fails_against_the_next_challenge()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        _harness.Registrations.Verify(json, pending);

        var next = _harness.Issuer.IssueRegistration(new PasskeyUser(_harness.UserHandle, "ana@fitfolio.test", "Ana"), []);
        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(json, next.Pending));

        Assert.Equal(PasskeyFailureReason.ChallengeMismatch, failure.Reason);
    }

    [Fact]
    public void A_challenge_is_refused_once_the_ceremony_timeout_has_passed()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(json, pending));

        Assert.Equal(PasskeyFailureReason.ChallengeExpired, failure.Reason);
    }

    [Fact]
    public void A_challenge_is_accepted_just_before_the_timeout()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        _harness.Clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));

        Assert.Equal(authenticator.CredentialId, _harness.Registrations.Verify(json, pending).CredentialId);
    }

    [Fact]
    public void An_authentication_challenge_cannot_complete_a_registration()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, _) = _harness.StartRegistration(authenticator);
        var signIn = _harness.Issuer.IssueAuthentication(_harness.UserHandle, []);

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(json, signIn.Pending));

        Assert.Equal(PasskeyFailureReason.CeremonyMismatch, failure.Reason);
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("https://fitfolio.test/")]
    [InlineData("https://FITFOLIO.test")]
    [InlineData("http://fitfolio.test")]
    [InlineData("https://fitfolio.test:443")]
    [InlineData("https://sub.fitfolio.test")]
    public void Origins_must_match_an_allowed_origin_exactly(string origin)
    {
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(PasskeyFailureReason.OriginMismatch, _harness.RegistrationFails(authenticator, c => c with { Origin = origin }).Reason);
    }

    [Fact]
    public void A_credential_scoped_to_another_rp_id_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(PasskeyFailureReason.RpIdMismatch, _harness.RegistrationFails(authenticator, c => c with { RpId = "evil.example" }).Reason);
    }

    [Theory]
    [InlineData("webauthn.get")]
    [InlineData("webauthn.create ")]
    [InlineData("")]
    public void Client_data_of_another_type_is_refused(string type)
    {
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(PasskeyFailureReason.TypeMismatch, _harness.RegistrationFails(authenticator, c => c with { ClientDataType = type }).Reason);
    }

    [Fact]
    public void A_credential_that_is_not_a_public_key_credential_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var edited = CredentialJsonEdits.Edit(json, c => c["type"] = "password");

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.TypeMismatch, failure.Reason);
    }

    [Fact]
    public void User_presence_is_always_required()
    {
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(PasskeyFailureReason.UserPresenceMissing, _harness.RegistrationFails(authenticator, c => c with { UserPresent = false }).Reason);
    }

    [Fact]
    public void User_verification_is_required_by_default()
    {
        using var authenticator = new SoftwareAuthenticator();
        Assert.Equal(PasskeyFailureReason.UserVerificationMissing, _harness.RegistrationFails(authenticator, c => c with { UserVerified = false }).Reason);
    }

    [Fact]
    public void Without_required_user_verification_a_passkey_registers_and_reports_uv_clear()
    {
        var harness = new PasskeyHarness(PasskeyHarness.DefaultOptions() with { RequireUserVerification = false });
        using var authenticator = new SoftwareAuthenticator();

        Assert.False(harness.Register(authenticator, c => c with { UserVerified = false }).UserVerified);
    }

    [Fact]
    public void Backed_up_without_backup_eligible_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator { BackupEligible = false, BackedUp = true };
        Assert.Equal(PasskeyFailureReason.BackupStateInvalid, _harness.RegistrationFails(authenticator).Reason);
    }

    [Fact]
    public void Backup_eligible_but_not_yet_backed_up_is_accepted()
    {
        using var authenticator = new SoftwareAuthenticator { BackupEligible = true, BackedUp = false };
        var passkey = _harness.Register(authenticator);
        Assert.True(passkey.BackupEligible);
        Assert.False(passkey.BackedUp);
    }

    [Theory]
    [InlineData(COSE.Algorithm.ES256, COSE.Algorithm.RS256)]
    [InlineData(COSE.Algorithm.RS256, COSE.Algorithm.ES256)]
    public void A_key_of_an_algorithm_the_relying_party_did_not_offer_is_refused(COSE.Algorithm keyAlgorithm, COSE.Algorithm onlyAllowed)
    {
        var harness = new PasskeyHarness(PasskeyHarness.DefaultOptions() with { AllowedAlgorithms = [onlyAllowed] });
        using var authenticator = new SoftwareAuthenticator(keyAlgorithm);
        Assert.Equal(PasskeyFailureReason.AlgorithmNotAllowed, harness.RegistrationFails(authenticator).Reason);
    }

    [Fact]
    public void A_1023_byte_credential_id_is_the_largest_accepted()
    {
        using var authenticator = new SoftwareAuthenticator { CredentialId = RandomNumberGenerator.GetBytes(1023) };
        Assert.Equal(1023, _harness.Register(authenticator).CredentialId.Length);
    }

    [Fact]
    public void A_1024_byte_credential_id_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator { CredentialId = RandomNumberGenerator.GetBytes(1024) };
        Assert.Equal(PasskeyFailureReason.CredentialIdTooLong, _harness.RegistrationFails(authenticator).Reason);
    }

    [Fact]
    public void A_1024_byte_credential_id_is_refused_even_when_only_authenticator_data_carries_it()
    {
        using var authenticator = new SoftwareAuthenticator { CredentialId = RandomNumberGenerator.GetBytes(1024) };
        var failure = _harness.RegistrationFails(authenticator, c => c with { ReportedCredentialId = authenticator.CredentialId[..32] });
        // Fido2's authenticator-data reader refuses the overlong ID itself, before our length check sees it.
        Assert.Equal(PasskeyFailureReason.Malformed, failure.Reason);
    }

    [Fact]
    public void A_raw_id_that_is_not_the_attested_credential_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(authenticator, c => c with { ReportedCredentialId = RandomNumberGenerator.GetBytes(32) });
        Assert.Equal(PasskeyFailureReason.CredentialIdMismatch, failure.Reason);
    }

    [Fact]
    public void An_id_that_differs_from_raw_id_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator);
        var edited = CredentialJsonEdits.Edit(json, c => c["id"] = Base64UrlText.Encode(RandomNumberGenerator.GetBytes(32)));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.CredentialIdMismatch, failure.Reason);
    }

    [Fact]
    public void A_cross_origin_ceremony_is_refused_by_default()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(authenticator, c => c with { CrossOrigin = true, TopOrigin = "https://embedder.example" });
        Assert.Equal(PasskeyFailureReason.CrossOriginNotAllowed, failure.Reason);
    }

    [Fact]
    public void A_cross_origin_ceremony_is_accepted_under_an_allowed_top_origin_only()
    {
        var harness = new PasskeyHarness(PasskeyHarness.DefaultOptions() with { AllowedTopOrigins = ["https://partner.example"] });
        using var authenticator = new SoftwareAuthenticator();

        harness.Register(authenticator, c => c with { CrossOrigin = true, TopOrigin = "https://partner.example" });
        Assert.Equal(
            PasskeyFailureReason.CrossOriginNotAllowed,
            harness.RegistrationFails(authenticator, c => c with { CrossOrigin = true, TopOrigin = "https://other.example" }).Reason);
        Assert.Equal(PasskeyFailureReason.CrossOriginNotAllowed, harness.RegistrationFails(authenticator, c => c with { CrossOrigin = true }).Reason);
    }

    [Fact]
    public void A_top_origin_without_cross_origin_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(authenticator, c => c with { TopOrigin = "https://fitfolio.test" });
        Assert.Equal(PasskeyFailureReason.CrossOriginNotAllowed, failure.Reason);
    }

    [Fact]
    public void A_tampered_self_attestation_signature_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(authenticator, c => c with { Attestation = SoftwareAttestation.PackedSelf, TamperSignature = FlipLastBit });
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, failure.Reason);
    }

    [Fact]
    public void Self_attestation_must_name_the_credential_keys_algorithm()
    {
        using var authenticator = new SoftwareAuthenticator();
        var failure = _harness.RegistrationFails(
            authenticator, c => c with { Attestation = SoftwareAttestation.PackedSelf, AttestationAlgorithm = (int)COSE.Algorithm.RS256 });
        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, failure.Reason);
    }

    [Fact]
    public void Self_attestation_over_other_client_data_is_refused()
    {
        // Packed signs authData || SHA-256(clientDataJSON): changing an ignored clientData member must break it.
        using var authenticator = new SoftwareAuthenticator();
        var (json, pending) = _harness.StartRegistration(authenticator, c => c with { Attestation = SoftwareAttestation.PackedSelf });
        var edited = CredentialJsonEdits.Edit(json, c =>
        {
            var clientData = System.Text.Encoding.UTF8.GetString(c.Response().Binary("clientDataJSON"));
            c.Response().SetBinary("clientDataJSON", System.Text.Encoding.UTF8.GetBytes(clientData.TrimEnd('}') + ",\"extra\":1}"));
        });

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Registrations.Verify(edited, pending));

        Assert.Equal(PasskeyFailureReason.InvalidAttestationStatement, failure.Reason);
    }

    [Fact]
    public void The_browser_path_from_issued_options_registers()
    {
        using var authenticator = new SoftwareAuthenticator(COSE.Algorithm.RS256);
        var start = _harness.Issuer.IssueRegistration(new PasskeyUser(_harness.UserHandle, "ana@fitfolio.test", "Ana"), []);

        var passkey = _harness.Registrations.Verify(authenticator.Register(start.Options, PasskeyHarness.Origin), start.Pending);

        Assert.Equal(COSE.Algorithm.RS256, passkey.Algorithm);
        Assert.Equal(_harness.UserHandle, passkey.ToStoredPasskey().UserHandle.ToArray());
    }

    private static byte[] FlipLastBit(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[^1] ^= 1;
        return copy;
    }
}
