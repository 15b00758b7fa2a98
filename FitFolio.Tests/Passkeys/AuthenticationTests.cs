using Fido2NetLib.Objects;
using System.Security.Cryptography;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Tests.Passkeys;

/// <summary>Authentication (§7.2) against the software authenticator: sign-in, clone warning, ownership, tampering.</summary>
public sealed class AuthenticationTests
{
    private readonly PasskeyHarness _harness = new();

    [Theory]
    [InlineData(COSE.Algorithm.ES256)]
    [InlineData(COSE.Algorithm.RS256)]
    [InlineData(COSE.Algorithm.EdDSA)]
    public void A_registered_passkey_signs_in_and_its_counter_advances(COSE.Algorithm algorithm)
    {
        using var authenticator = new SoftwareAuthenticator(algorithm) { BackupEligible = true };
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        var first = _harness.SignIn(authenticator, stored);
        var second = _harness.SignIn(authenticator, stored with { SignCount = first.SignCount });

        Assert.Equal(2u, first.SignCount);
        Assert.Equal(3u, second.SignCount);
        Assert.Equal(authenticator.CredentialId, second.CredentialId);
        Assert.Equal(_harness.UserHandle, second.UserHandle);
        Assert.True(second.UserVerified);
        Assert.True(second.BackupEligible);
        Assert.False(second.BackedUp);
    }

    [Fact]
    public void A_usernameless_sign_in_identifies_the_owner_by_user_handle()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(_harness.UserHandle, _harness.SignIn(authenticator, stored, usernameless: true).UserHandle);
    }

    [Fact]
    public void A_usernameless_sign_in_without_a_user_handle_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        var failure = _harness.SignInFails(authenticator, stored, usernameless: true, c => c with { OmitUserHandle = true });

        Assert.Equal(PasskeyFailureReason.UserHandleMismatch, failure.Reason);
    }

    [Fact]
    public void A_user_handle_naming_another_user_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(
            PasskeyFailureReason.UserHandleMismatch,
            _harness.SignInFails(authenticator, stored, usernameless: true, c => c with { UserHandle = RandomNumberGenerator.GetBytes(16) }).Reason);
        Assert.Equal(
            PasskeyFailureReason.UserHandleMismatch,
            _harness.SignInFails(authenticator, stored, usernameless: false, c => c with { UserHandle = RandomNumberGenerator.GetBytes(16) }).Reason);
    }

    [Fact]
    public void An_identified_user_cannot_sign_in_with_a_passkey_stored_for_someone_else()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var start = _harness.Issuer.IssueAuthentication(RandomNumberGenerator.GetBytes(16), [new PasskeyCredentialDescriptor(stored.CredentialId, [])]);
        var json = authenticator.Authenticate(start.Options, PasskeyHarness.Origin);

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), start.Pending, stored));

        Assert.Equal(PasskeyFailureReason.UserHandleMismatch, failure.Reason);
    }

    [Fact]
    public void An_identified_user_may_sign_in_without_a_user_handle_in_the_response()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(_harness.UserHandle, _harness.SignIn(authenticator, stored, usernameless: false, c => c with { OmitUserHandle = true }).UserHandle);
    }

    [Fact]
    public void A_credential_outside_allow_credentials_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var start = _harness.Issuer.IssueAuthentication(stored.UserHandle, [new PasskeyCredentialDescriptor(RandomNumberGenerator.GetBytes(32), [])]);
        var json = authenticator.Authenticate(start.Options, PasskeyHarness.Origin);

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), start.Pending, stored));

        Assert.Equal(PasskeyFailureReason.CredentialNotAllowed, failure.Reason);
    }

    [Fact]
    public void An_assertion_checked_against_another_stored_passkey_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        using var other = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var otherStored = _harness.Register(other).ToStoredPasskey();
        var (json, pending) = _harness.StartSignIn(authenticator, stored, usernameless: true);

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), pending, otherStored));

        Assert.Equal(PasskeyFailureReason.CredentialNotAllowed, failure.Reason);
    }

    [Fact]
    public void A_replayed_assertion_fails_against_the_next_challenge()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var (json, pending) = _harness.StartSignIn(authenticator, stored);
        _harness.Assertions.Verify(AuthenticationResponse.Parse(json), pending, stored);

        var next = _harness.Issuer.IssueAuthentication(stored.UserHandle, []);
        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), next.Pending, stored));

        Assert.Equal(PasskeyFailureReason.ChallengeMismatch, failure.Reason);
    }

    [Fact]
    public void An_assertion_over_a_foreign_challenge_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        Assert.Equal(
            PasskeyFailureReason.ChallengeMismatch,
            _harness.SignInFails(authenticator, stored, tweak: c => c with { Challenge = RandomNumberGenerator.GetBytes(32) }).Reason);
    }

    [Fact]
    public void A_registration_challenge_cannot_complete_a_sign_in()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var (json, _) = _harness.StartSignIn(authenticator, stored);
        var registration = _harness.Issuer.IssueRegistration(new PasskeyUser(_harness.UserHandle, "ana", "Ana"), []);

        var failure = Assert.Throws<PasskeyVerificationException>(
            () => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), registration.Pending, stored));

        Assert.Equal(PasskeyFailureReason.CeremonyMismatch, failure.Reason);
    }

    [Fact]
    public void An_expired_sign_in_challenge_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var (json, pending) = _harness.StartSignIn(authenticator, stored);
        _harness.Clock.Advance(TimeSpan.FromMinutes(6));

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(json), pending, stored));

        Assert.Equal(PasskeyFailureReason.ChallengeExpired, failure.Reason);
    }

    [Theory]
    [InlineData(COSE.Algorithm.ES256)]
    [InlineData(COSE.Algorithm.RS256)]
    [InlineData(COSE.Algorithm.EdDSA)]
    public void A_tampered_signature_is_refused(COSE.Algorithm algorithm)
    {
        using var authenticator = new SoftwareAuthenticator(algorithm);
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(PasskeyFailureReason.BadSignature, _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = FlipBit }).Reason);
        Assert.Equal(
            PasskeyFailureReason.BadSignature, _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = s => s[..^1] }).Reason);
        Assert.Equal(PasskeyFailureReason.BadSignature, _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = _ => [] }).Reason);
    }

    [Fact]
    public void An_ES256_signature_in_raw_r_s_form_instead_of_DER_is_refused()
    {
        // §6.5.6: ES256 assertion signatures are DER. IEEE P1363 r||s must not slip through.
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var failure = _harness.SignInFails(authenticator, stored, tweak: c => c with
        {
            TamperSignature = der => AsnP1363(der),
        });

        Assert.Equal(PasskeyFailureReason.BadSignature, failure.Reason);
    }

    [Fact]
    public void An_ES256_signature_with_bytes_after_its_DER_sequence_is_refused()
    {
        // Found by the fuzzer on the Fido2 path: the same (r, s) with a byte appended verified there.
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(
            PasskeyFailureReason.BadSignature, _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = s => [.. s, 0] }).Reason);
        Assert.Equal(
            PasskeyFailureReason.BadSignature,
            _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperSignature = s => [.. s, 0x02, 0x01, 0x01] }).Reason);
    }

    [Fact]
    public void A_signature_from_another_key_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        using var impostor = new SoftwareAuthenticator { CredentialId = authenticator.CredentialId };
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        _harness.Register(impostor);

        Assert.Equal(PasskeyFailureReason.BadSignature, _harness.SignInFails(impostor, stored).Reason);
    }

    [Fact]
    public void User_presence_and_verification_are_required()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(PasskeyFailureReason.UserPresenceMissing, _harness.SignInFails(authenticator, stored, tweak: c => c with { UserPresent = false }).Reason);
        Assert.Equal(
            PasskeyFailureReason.UserVerificationMissing, _harness.SignInFails(authenticator, stored, tweak: c => c with { UserVerified = false }).Reason);
    }

    [Fact]
    public void Backup_eligibility_must_not_change_after_registration()
    {
        using var authenticator = new SoftwareAuthenticator { BackupEligible = false };
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        authenticator.BackupEligible = true;

        Assert.Equal(PasskeyFailureReason.BackupEligibilityChanged, _harness.SignInFails(authenticator, stored).Reason);
        Assert.Equal(
            PasskeyFailureReason.BackupEligibilityChanged,
            _harness.SignInFails(authenticator, stored with { BackupEligible = true }, tweak: c => c with { TamperFlags = f => (byte)(f & ~0x08) }).Reason);
    }

    [Fact]
    public void Backup_state_may_change_and_is_reported()
    {
        using var authenticator = new SoftwareAuthenticator { BackupEligible = true, BackedUp = false };
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        authenticator.BackedUp = true;

        Assert.True(_harness.SignIn(authenticator, stored).BackedUp);
    }

    [Fact]
    public void Backed_up_without_backup_eligible_is_refused_at_sign_in()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        authenticator.BackedUp = true;

        Assert.Equal(PasskeyFailureReason.BackupStateInvalid, _harness.SignInFails(authenticator, stored).Reason);
    }

    [Fact]
    public void Origin_rp_id_and_client_data_type_are_checked()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(
            PasskeyFailureReason.OriginMismatch,
            _harness.SignInFails(authenticator, stored, tweak: c => c with { Origin = "https://fitfolio.test.evil.example" }).Reason);
        Assert.Equal(PasskeyFailureReason.RpIdMismatch, _harness.SignInFails(authenticator, stored, tweak: c => c with { RpId = "test" }).Reason);
        Assert.Equal(
            PasskeyFailureReason.TypeMismatch, _harness.SignInFails(authenticator, stored, tweak: c => c with { ClientDataType = "webauthn.create" }).Reason);
    }

    [Fact]
    public void Assertion_authenticator_data_may_not_carry_attested_credential_data()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();

        Assert.Equal(
            PasskeyFailureReason.Malformed, _harness.SignInFails(authenticator, stored, tweak: c => c with { TamperFlags = f => (byte)(f | 0x40) }).Reason);
    }

    [Fact]
    public void A_response_without_user_handle_parses_to_no_user_handle()
    {
        // Regression: byte[]? → ReadOnlyMemory<byte>? turns null into an empty, non-null handle unless written explicitly.
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var (json, _) = _harness.StartSignIn(authenticator, stored, tweak: c => c with { OmitUserHandle = true });

        Assert.Null(AuthenticationResponse.Parse(json).UserHandle);
    }

    [Fact]
    public void An_empty_user_handle_counts_as_none()
    {
        using var authenticator = new SoftwareAuthenticator();
        var stored = _harness.Register(authenticator).ToStoredPasskey();
        var (json, pending) = _harness.StartSignIn(authenticator, stored, usernameless: true);
        var edited = CredentialJsonEdits.Edit(json, c => c.Response()["userHandle"] = "");

        var failure = Assert.Throws<PasskeyVerificationException>(() => _harness.Assertions.Verify(AuthenticationResponse.Parse(edited), pending, stored));

        Assert.Equal(PasskeyFailureReason.UserHandleMismatch, failure.Reason);
    }

    private static byte[] FlipBit(byte[] signature)
    {
        var copy = (byte[])signature.Clone();
        copy[copy.Length / 2] ^= 0x10;
        return copy;
    }

    private static byte[] AsnP1363(byte[] der)
    {
        // The same (r, s), written as the fixed-width r||s of IEEE P1363.
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadIntegerBytes().ToArray().SkipWhile(b => b == 0).ToArray();
        var s = reader.ReadIntegerBytes().ToArray().SkipWhile(b => b == 0).ToArray();
        var raw = new byte[64];
        r.CopyTo(raw, 32 - r.Length);
        s.CopyTo(raw, 64 - s.Length);
        return raw;
    }
}
