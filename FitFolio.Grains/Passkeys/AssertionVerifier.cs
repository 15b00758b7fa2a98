using FitFolio.Grains.Passkeys.Internal;

namespace FitFolio.Grains.Passkeys;

/// <summary>
/// Verifies a sign-in (WebAuthn L3 §7.2, "Verifying an Authentication Assertion"). Thread-safe; build
/// one per <see cref="RelyingPartyOptions"/> and share it.
/// </summary>
public sealed class AssertionVerifier
{
    private readonly CeremonyChecks _checks;

    public AssertionVerifier(RelyingPartyOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _checks = new CeremonyChecks(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Verifies <paramref name="response"/> against the pending ceremony and the passkey stored under
    /// <see cref="AuthenticationResponse.CredentialId"/>. A <see cref="PasskeyFailureReason.SignCountRegression"/>
    /// failure is thrown only after every other check, the signature included, has passed, so it means
    /// "a valid signature from a possibly cloned authenticator": audit it as webauthn_clone_warning.
    /// </summary>
    /// <exception cref="PasskeyVerificationException">Any check failed; <see cref="PasskeyVerificationException.Code"/> says which.</exception>
    public VerifiedAssertion Verify(AuthenticationResponse response, PendingPasskeyCeremony pending, StoredPasskey stored)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(stored);
        _checks.CheckPending(pending, PasskeyCeremonyKind.Authentication);

        // Step 5: the credential must be one we asked for and the one the caller looked up.
        if (!response.CredentialId.Span.SequenceEqual(stored.CredentialId.Span))
        {
            throw Fail.With(PasskeyFailureReason.CredentialNotAllowed, "The asserted credential is not the stored passkey it was checked against.");
        }

        if (pending.AllowedCredentialIds.Count > 0 && !pending.AllowedCredentialIds.Any(id => id.Span.SequenceEqual(response.CredentialId.Span)))
        {
            throw Fail.With(PasskeyFailureReason.CredentialNotAllowed, "The asserted credential was not in allowCredentials.");
        }

        CheckOwner(response, pending, stored);

        // Steps 8–14: client data.
        var clientData = ClientData.Parse(response.ClientDataJson.ToArray());
        _checks.CheckClientData(clientData, "webauthn.get", pending);

        // Steps 15–18: rpIdHash, UP, UV, BE/BS; and BE may never change for a credential (§6.1.3).
        var authenticatorData = AuthenticatorData.Parse(response.AuthenticatorData.ToArray());
        if (authenticatorData.AttestedCredential is not null)
        {
            throw Fail.Malformed("Assertion authenticatorData must not carry attested credential data.");
        }

        _checks.CheckAuthenticatorData(authenticatorData);
        if (authenticatorData.BackupEligible != stored.BackupEligible)
        {
            throw Fail.With(PasskeyFailureReason.BackupEligibilityChanged, $"BE is {authenticatorData.BackupEligible} but was {stored.BackupEligible} at registration.");
        }

        // Steps 20–21: the signature over authenticatorData || SHA-256(clientDataJSON) with the stored key.
        var key = CoseKey.Parse(stored.PublicKeyCose);
        var signed = new byte[authenticatorData.Raw.Length + clientData.Hash.Length];
        authenticatorData.Raw.CopyTo(signed, 0);
        clientData.Hash.CopyTo(signed, authenticatorData.Raw.Length);
        if (!key.VerifySignature(signed, response.Signature.Span))
        {
            throw Fail.With(PasskeyFailureReason.BadSignature, "The assertion signature does not verify with the stored public key.");
        }

        // Step 22: a counter that does not grow, where either side counts, hints at a cloned authenticator.
        if ((authenticatorData.SignCount != 0 || stored.SignCount != 0) && authenticatorData.SignCount <= stored.SignCount)
        {
            throw Fail.With(PasskeyFailureReason.SignCountRegression, $"The signature counter did not increase: {authenticatorData.SignCount} after {stored.SignCount}.");
        }

        return new VerifiedAssertion
        {
            CredentialId = response.CredentialId.ToArray(),
            UserHandle = stored.UserHandle.ToArray(),
            SignCount = authenticatorData.SignCount,
            BackupEligible = authenticatorData.BackupEligible,
            BackedUp = authenticatorData.BackedUp,
            UserVerified = authenticatorData.UserVerified,
        };
    }

    // Step 6: the credential must belong to the user the ceremony is for. If the user was identified
    // first, the stored owner must be that user and a userHandle, when sent, must name them; for a
    // usernameless sign-in the userHandle is required and must name the stored owner.
    private static void CheckOwner(AuthenticationResponse response, PendingPasskeyCeremony pending, StoredPasskey stored)
    {
        if (pending.UserHandle is { } expected && !expected.Span.SequenceEqual(stored.UserHandle.Span))
        {
            throw Fail.With(PasskeyFailureReason.UserHandleMismatch, "The stored passkey belongs to another user than the one signing in.");
        }

        if (response.UserHandle is { } sent)
        {
            if (!sent.Span.SequenceEqual(stored.UserHandle.Span))
            {
                throw Fail.With(PasskeyFailureReason.UserHandleMismatch, "response.userHandle names another user than the passkey's owner.");
            }
        }
        else if (pending.UserHandle is null)
        {
            throw Fail.With(PasskeyFailureReason.UserHandleMismatch, "A usernameless sign-in needs response.userHandle.");
        }
    }
}
