using System.Formats.Asn1;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Verifies a sign-in (WebAuthn L3 §7.2) with Fido2, against the pending ceremony and the stored passkey.
/// Thread-safe; build one per <see cref="RelyingPartyOptions"/> and share it.
/// </summary>
public sealed class PasskeyAssertionVerifier
{
    private readonly PasskeyCeremonyPolicy _policy;

    public PasskeyAssertionVerifier(RelyingPartyOptions options, TimeProvider? timeProvider = null)
        : this(new PasskeyCeremonyPolicy(options, timeProvider ?? TimeProvider.System))
    {
    }

    internal PasskeyAssertionVerifier(PasskeyCeremonyPolicy policy) => _policy = policy;

    /// <summary>
    /// Verifies <paramref name="response"/> against the pending ceremony and the passkey stored under
    /// <see cref="AuthenticationResponse.CredentialId"/>. A <see cref="PasskeyFailureReason.SignCountRegression"/>
    /// failure is thrown only after every other check, the signature included, has passed, so it means
    /// "a valid signature from a possibly cloned authenticator": audit it as webauthn_clone_warning.
    /// </summary>
    /// <exception cref="PasskeyVerificationException">Any check failed; <see cref="PasskeyVerificationException.Code"/> says which.</exception>
    public async Task<VerifiedAssertion> VerifyAsync(
        AuthenticationResponse response, PendingPasskeyCeremony pending, StoredPasskey stored, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(stored);
        _policy.CheckPending(pending, PasskeyCeremonyKind.Authentication);

        // Step 5: the credential must be one we asked for and the one the caller looked up.
        if (!response.CredentialId.Span.SequenceEqual(stored.CredentialId.Span))
        {
            throw PasskeyCeremonyPolicy.Fail(
                PasskeyFailureReason.CredentialNotAllowed, "The asserted credential is not the stored passkey it was checked against.");
        }

        if (pending.AllowedCredentialIds.Count > 0 && !pending.AllowedCredentialIds.Any(id => id.Span.SequenceEqual(response.CredentialId.Span)))
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.CredentialNotAllowed, "The asserted credential was not in allowCredentials.");
        }

        CheckOwner(response, pending, stored);

        // Read with Fido2's parser for the checks that keep our own reason codes; Fido2 verifies everything again.
        var parsed = PasskeyCeremonyPolicy.Run(() => AuthenticatorAssertionResponse.Parse(response.Raw));
        _policy.CheckClientData(parsed, "webauthn.get", pending);
        var authenticatorData = parsed.AuthenticatorData;
        if (authenticatorData.HasAttestedCredentialData)
        {
            throw CredentialJson.Malformed("Assertion authenticatorData must not carry attested credential data.");
        }

        // §6.1.3: BE is fixed for a credential's life; Fido2 has no stored BE to compare with.
        if (authenticatorData.IsBackupEligible != stored.BackupEligible)
        {
            throw PasskeyCeremonyPolicy.Fail(
                PasskeyFailureReason.BackupEligibilityChanged, $"BE is {authenticatorData.IsBackupEligible} but was {stored.BackupEligible} at registration.");
        }

        // §6.5.6: an ECDSA signature is a DER Ecdsa-Sig-Value. Fido2 reads it leniently (trailing bytes pass), so one
        // (r, s) would have many encodings; only the canonical one is accepted, so no changed signature verifies.
        if (IsEcdsa(stored) && !IsDerEcdsaSignature(response.Raw.Response.Signature))
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.BadSignature, "The ECDSA signature is not a DER Ecdsa-Sig-Value.");
        }

        var options = AssertionOptions.Create(
            _policy.Configuration,
            pending.Challenge.ToArray(),
            [.. pending.AllowedCredentialIds.Select(id => new Fido2NetLib.Objects.PublicKeyCredentialDescriptor(id.ToArray()))],
            _policy.UserVerification,
            null);
        var result = await PasskeyCeremonyPolicy.RunAsync(() => _policy.Fido2.MakeAssertionAsync(
            new MakeAssertionParams
            {
                AssertionResponse = response.Raw,
                OriginalOptions = options,
                StoredPublicKey = stored.PublicKeyCose.ToArray(),
                StoredSignatureCounter = stored.SignCount,
                // §7.2 step 6, asked by Fido2 when the response names an owner: it must be this passkey's owner.
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(
                    args.UserHandle.AsSpan().SequenceEqual(stored.UserHandle.Span) && args.CredentialId.AsSpan().SequenceEqual(stored.CredentialId.Span)),
            },
            cancellationToken));

        // Step 22 where Fido2 is laxer: a counter that falls back to 0 after counting is a regression too.
        if (result.SignCount == 0 && stored.SignCount != 0)
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.SignCountRegression, $"The signature counter went back to 0 after {stored.SignCount}.");
        }

        return new VerifiedAssertion
        {
            CredentialId = response.CredentialId.ToArray(),
            UserHandle = stored.UserHandle.ToArray(),
            SignCount = result.SignCount,
            BackupEligible = authenticatorData.IsBackupEligible,
            BackedUp = result.IsBackedUp,
            UserVerified = authenticatorData.UserVerified,
        };
    }

    private static bool IsEcdsa(StoredPasskey stored)
    {
        var key = PasskeyCeremonyPolicy.Run(() => new CredentialPublicKey(stored.PublicKeyCose.ToArray()));
        return key.IsSameAlg(COSE.Algorithm.ES256)
            || key.IsSameAlg(COSE.Algorithm.ES384)
            || key.IsSameAlg(COSE.Algorithm.ES512)
            || key.IsSameAlg(COSE.Algorithm.ES256K);
    }

    private static bool IsDerEcdsaSignature(byte[] signature)
    {
        try
        {
            var reader = new AsnReader(signature, AsnEncodingRules.DER);
            var sequence = reader.ReadSequence();
            sequence.ReadInteger();
            sequence.ReadInteger();
            sequence.ThrowIfNotEmpty();
            reader.ThrowIfNotEmpty();
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    // Step 6: the credential must belong to the user the ceremony is for. If the user was identified
    // first, the stored owner must be that user and a userHandle, when sent, must name them; for a
    // usernameless sign-in the userHandle is required and must name the stored owner. Fido2 asks only
    // when a userHandle is sent, so the first and last rules are ours.
    private static void CheckOwner(AuthenticationResponse response, PendingPasskeyCeremony pending, StoredPasskey stored)
    {
        if (pending.UserHandle is { } expected && !expected.Span.SequenceEqual(stored.UserHandle.Span))
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.UserHandleMismatch, "The stored passkey belongs to another user than the one signing in.");
        }

        if (response.UserHandle is { } sent)
        {
            if (!sent.Span.SequenceEqual(stored.UserHandle.Span))
            {
                throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.UserHandleMismatch, "response.userHandle names another user than the passkey's owner.");
            }
        }
        else if (pending.UserHandle is null)
        {
            throw PasskeyCeremonyPolicy.Fail(PasskeyFailureReason.UserHandleMismatch, "A usernameless sign-in needs response.userHandle.");
        }
    }
}
