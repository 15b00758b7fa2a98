using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// Passkey assertions: signing in, and proving again who you are inside a session before a
/// sensitive change. Both share one verification path, one lockout and one failure count, so a
/// re-authentication prompt is no softer target than the sign-in page.
/// </summary>
internal sealed partial class UserGrain
{
    public async Task<PasskeySignInResult> SignInWithPasskey(PendingCeremonyState ceremony, string credentialJson, string newSessionHash, RequestOrigin origin)
    {
        var check = await VerifyAssertionAsync(ceremony, credentialJson, origin);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var result = await RecordAssertionAsync(check, origin, "sign_in", write => CompleteSignInAsync(write, newSessionHash, origin, SessionProof.Passkey));
        return new PasskeySignInResult(SignInOutcome.SignedIn, result.User, result.SessionId);
    }

    public async Task<PasskeySignInResult> ReauthenticateWithPasskey(
        PendingCeremonyState ceremony, string credentialJson, string sessionHash, string newSessionHash, RequestOrigin origin)
    {
        if (!_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            return PasskeySignInResult.Refused(PasskeySignInResult.SessionEnded);
        }

        var check = await VerifyAssertionAsync(ceremony, credentialJson, origin);
        if (check.Failure is { } failure)
        {
            return failure;
        }

        var now = Now;
        await RecordAssertionAsync(check, origin, "reauthenticate", async write =>
        {
            await UserStore.MarkAuthenticatedAsync(write, session.Id, now, SessionProof.Passkey);
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                Event(AuditEventType.Reauthenticated, origin, ("session_id", session.Id), ("method", SessionProof.Passkey)));
            // ASVS 5.0 §7.2.4: a new proof gets a new token. A copy of the old cookie, taken before
            // the owner confirmed, must not inherit what the confirmation allows.
            await RotateSecretAsync(write, session, newSessionHash, "reauthenticated", origin, now);
            await write.CommitAsync();
            return new SignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
        });
        session.AuthenticatedAt = now;
        session.AuthenticatedWith = SessionProof.Passkey;
        ReplaceSecret(session, newSessionHash, now);
        return new PasskeySignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
    }

    /// <summary>Checks lockout, account state and the assertion itself; counts a failure toward the passkey lockout.</summary>
    private async Task<AssertionCheck> VerifyAssertionAsync(PendingCeremonyState ceremony, string credentialJson, RequestOrigin origin)
    {
        var now = Now;
        if (_user.PasskeyLockout.RemainingAt(now) is { } remaining)
        {
            await _audit.WriteAsync(Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", "locked")));
            return new AssertionCheck(null, null, PasskeySignInResult.LockedFor(remaining));
        }

        if (!MaySignIn(out var refusal))
        {
            await _audit.WriteAsync(Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", refusal)));
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
                await _audit.WriteAsync(Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", PasskeySignInResult.UnknownCredential)));
                return new AssertionCheck(null, null, PasskeySignInResult.Refused(PasskeySignInResult.UnknownCredential));
            }

            return new AssertionCheck(
                passkey, await _relyingParty.Assertion.VerifyAsync(response, ceremony.ToPending(), passkey.ToStored(_user.WebAuthnUserHandle)), null);
        }
        catch (PasskeyVerificationException e)
        {
            return new AssertionCheck(null, null, await CountPasskeyFailureAsync(e, passkey, origin, now));
        }
    }

    /// <summary>
    /// Stores a verified assertion (sign count, backup state, lockout reset, audit) in the same
    /// transaction as <paramref name="complete"/>, which commits it.
    /// </summary>
    private async Task<SignInResult> RecordAssertionAsync(
        AssertionCheck check, RequestOrigin origin, string purpose, Func<UserWrite, Task<SignInResult>> complete)
    {
        var passkey = check.Passkey!;
        var verified = check.Verified!;
        var now = Now;
        var lockout = LockoutSnapshot.Of(_user.PasskeyLockout);
        _user.PasskeyLockout.RecordSuccess();
        SignInResult result;
        try
        {
            var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
            await using (write)
            {
                await PasskeyStore.RecordUseAsync(write, passkey.Id, verified.SignCount, verified.BackedUp, now);
                await UserStore.SaveLockoutsAsync(write, _user);
                await AuditLog.WriteAsync(
                    write.Connection,
                    write.Transaction,
                    Event(AuditEventType.WebAuthnAuthSuccess, origin, ("passkey_id", passkey.Id), ("backed_up", verified.BackedUp), ("purpose", purpose)));
                result = await complete(write);
            }
        }
        catch
        {
            lockout.RestoreTo(_user.PasskeyLockout);
            throw;
        }

        passkey.SignCount = verified.SignCount;
        passkey.BackedUp = verified.BackedUp;
        passkey.LastUsedAt = now;
        return result;
    }

    private async Task<PasskeySignInResult> CountPasskeyFailureAsync(
        PasskeyVerificationException failure, PasskeyRecord? passkey, RequestOrigin origin, DateTimeOffset now)
    {
        var lockout = LockoutSnapshot.Of(_user.PasskeyLockout);
        var locked = _user.PasskeyLockout.RecordFailure(now, _options);
        try
        {
            await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
            await UserStore.SaveLockoutsAsync(write, _user);
            await AuditLog.WriteAsync(
                write.Connection, write.Transaction, Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", failure.Code), ("passkey_id", passkey?.Id)));
            if (failure.Reason == PasskeyFailureReason.SignCountRegression)
            {
                // §6.1.1: a counter that went backwards means two copies of the private key may exist.
                await AuditLog.WriteAsync(
                    write.Connection,
                    write.Transaction,
                    Event(AuditEventType.WebAuthnCloneWarning, origin, ("passkey_id", passkey?.Id), ("stored_sign_count", passkey?.SignCount)));
            }

            if (locked is { } duration)
            {
                await AuditLog.WriteAsync(
                    write.Connection, write.Transaction, Event(AuditEventType.AccountLocked, origin, ("path", "passkey"), ("minutes", duration.TotalMinutes)));
            }

            await write.CommitAsync();
        }
        catch
        {
            lockout.RestoreTo(_user.PasskeyLockout);
            throw;
        }

        return locked is { } lockedFor ? PasskeySignInResult.LockedFor(lockedFor) : PasskeySignInResult.Refused(failure.Code);
    }

    /// <summary>The lockout as it was before a change, put back when the change's transaction fails.</summary>
    private readonly record struct LockoutSnapshot(int Failures, DateTimeOffset? LockedUntil, int Lockouts)
    {
        public static LockoutSnapshot Of(Lockout lockout) => new(lockout.Failures, lockout.LockedUntil, lockout.Lockouts);

        public void RestoreTo(Lockout lockout)
        {
            lockout.Failures = Failures;
            lockout.LockedUntil = LockedUntil;
            lockout.Lockouts = Lockouts;
        }
    }

    /// <summary>A verified assertion by <see cref="Passkey"/>, or the refusal to hand back.</summary>
    private readonly record struct AssertionCheck(PasskeyRecord? Passkey, VerifiedAssertion? Verified, PasskeySignInResult? Failure);
}
