using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// Passkey assertions: signing in, and proving again who you are inside a session before a sensitive
/// change. Both share one verification path, one lockout and one failure count, so a re-authentication
/// prompt is no softer target than the sign-in page.
/// </summary>
internal sealed class UserPasskeyAssertions(UserScope scope, UserSessions sessions, UserLockout lockout, PasskeyRelyingParty relyingParty)
{
    private readonly UserRecord _user = scope.User;

    public async Task<PasskeySignInResult> SignInAsync(PendingCeremonyState ceremony, string credentialJson, string newSessionHash, RequestOrigin origin)
    {
        var check = await VerifyAsync(ceremony, credentialJson, origin);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var result = await RecordAsync(check, origin, "sign_in", write => sessions.StartAsync(write, newSessionHash, origin, SessionProof.Passkey));
        return new PasskeySignInResult(SignInOutcome.SignedIn, result.User, result.SessionId);
    }

    public async Task<PasskeySignInResult> ReauthenticateAsync(
        PendingCeremonyState ceremony, string credentialJson, string sessionHash, string newSessionHash, RequestOrigin origin)
    {
        if (!sessions.TryGet(sessionHash, out var session))
        {
            return PasskeySignInResult.Refused(PasskeySignInResult.SessionEnded);
        }

        var check = await VerifyAsync(ceremony, credentialJson, origin);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = scope.Now;
        await RecordAsync(check, origin, "reauthenticate", async write =>
        {
            await UserStore.MarkAuthenticatedAsync(write, session.Id, now, SessionProof.Passkey);
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                scope.Event(AuditEventType.Reauthenticated, origin, ("session_id", session.Id), ("method", SessionProof.Passkey)));
            // ASVS 5.0 §7.2.4: a new proof gets a new token. A copy of the old cookie, taken before
            // the owner confirmed, must not inherit what the confirmation allows.
            await sessions.RotateSecretAsync(write, session, newSessionHash, "reauthenticated", origin, now);
            await write.CommitAsync();
            return new SignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
        });
        session.AuthenticatedAt = now;
        session.AuthenticatedWith = SessionProof.Passkey;
        sessions.ReplaceSecret(session, newSessionHash, now);
        return new PasskeySignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
    }

    /// <summary>Checks lockout, account state and the assertion itself; counts a failure toward the passkey lockout.</summary>
    private async Task<AssertionCheck> VerifyAsync(PendingCeremonyState ceremony, string credentialJson, RequestOrigin origin)
    {
        var now = scope.Now;
        if (lockout.RemainingAt(now) is { } remaining)
        {
            await scope.Audit.WriteAsync(scope.Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", "locked")));
            return new AssertionCheck(null, null, PasskeySignInResult.LockedFor(remaining));
        }

        if (!scope.MaySignIn(out var refusal))
        {
            await scope.Audit.WriteAsync(scope.Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", refusal)));
            return new AssertionCheck(null, null, PasskeySignInResult.Refused(PasskeySignInResult.AccountLocked));
        }

        PasskeyRecord? passkey = null;
        try
        {
            var response = AuthenticationResponse.Parse(credentialJson);
            passkey = _user.Passkeys.FirstOrDefault(p => p.HasCredentialId(response.CredentialId.Span));
            if (passkey is null || _user.WebAuthnUserHandle is null)
            {
                // Deleted since the owner was looked up: nothing of this account was tried, so nothing is counted.
                await scope.Audit.WriteAsync(scope.Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", PasskeySignInResult.UnknownCredential)));
                return new AssertionCheck(null, null, PasskeySignInResult.Refused(PasskeySignInResult.UnknownCredential));
            }

            return new AssertionCheck(
                passkey, await relyingParty.Assertion.VerifyAsync(response, ceremony.ToPending(), passkey.ToStored(_user.WebAuthnUserHandle)), null);
        }
        catch (PasskeyVerificationException e)
        {
            return new AssertionCheck(null, null, await lockout.CountFailureAsync(e, passkey, origin, now));
        }
    }

    /// <summary>
    /// Stores a verified assertion (sign count, backup state, lockout reset, audit) in the same
    /// transaction as <paramref name="complete"/>, which commits it.
    /// </summary>
    private async Task<SignInResult> RecordAsync(AssertionCheck check, RequestOrigin origin, string purpose, Func<UserWrite, Task<SignInResult>> complete)
    {
        var passkey = check.Passkey!;
        var verified = check.Verified!;
        var now = scope.Now;
        SignInResult result;
        await using (var write = await scope.BeginWriteAsync())
        {
            result = await lockout.ClearWithinAsync(write, async () =>
            {
                await PasskeyStore.RecordUseAsync(write, passkey.Id, verified.SignCount, verified.BackedUp, now);
                await AuditLog.WriteAsync(
                    write.Connection,
                    write.Transaction,
                    scope.Event(
                        AuditEventType.WebAuthnAuthSuccess, origin, ("passkey_id", passkey.Id), ("backed_up", verified.BackedUp), ("purpose", purpose)));
                return await complete(write);
            });
        }

        passkey.SignCount = verified.SignCount;
        passkey.BackedUp = verified.BackedUp;
        passkey.LastUsedAt = now;
        return result;
    }

    /// <summary>A verified assertion by <see cref="Passkey"/>, or the refusal to hand back.</summary>
    private readonly record struct AssertionCheck(PasskeyRecord? Passkey, VerifiedAssertion? Verified, PasskeySignInResult? Failure);
}
