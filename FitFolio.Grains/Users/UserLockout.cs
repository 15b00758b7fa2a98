using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Passkeys;

namespace FitFolio.Grains.Users;

/// <summary>
/// The passkey path's lockout, kept in the users row so it commits atomically with its audit rows: whether
/// the path is locked, a failure counted (and the lock it may set), a success clearing it. Memory is changed
/// first and put back if the transaction fails, so no failed write can leave a count the database lacks.
/// </summary>
internal sealed class UserLockout(UserScope scope)
{
    private readonly UserRecord _user = scope.User;

    private Lockout Passkeys => _user.PasskeyLockout;

    public TimeSpan? RemainingAt(DateTimeOffset now) => Passkeys.RemainingAt(now);

    /// <summary>
    /// Clears the lockout inside <paramref name="write"/> and runs <paramref name="inside"/> in the same transaction;
    /// memory goes back to the old lockout should anything in it fail.
    /// </summary>
    public async Task<T> ClearWithinAsync<T>(UserWrite write, Func<Task<T>> inside)
    {
        var before = LockoutSnapshot.Of(Passkeys);
        Passkeys.RecordSuccess();
        try
        {
            await UserStore.SaveLockoutsAsync(write, _user);
            return await inside();
        }
        catch
        {
            before.RestoreTo(Passkeys);
            throw;
        }
    }

    /// <summary>Clears the lockout inside an admin's unlock; memory follows whatever the transaction does, as the unlock drops nothing else.</summary>
    public async Task ClearAsync(UserWrite write)
    {
        Passkeys.RecordSuccess();
        await UserStore.SaveLockoutsAsync(write, _user);
    }

    /// <summary>Counts a failed assertion, audited in one transaction with the lock it may set; the refusal to hand back.</summary>
    public async Task<PasskeySignInResult> CountFailureAsync(
        PasskeyVerificationException failure, PasskeyRecord? passkey, RequestOrigin origin, DateTimeOffset now)
    {
        var before = LockoutSnapshot.Of(Passkeys);
        var locked = Passkeys.RecordFailure(now, scope.Options);
        try
        {
            await using var write = await scope.BeginWriteAsync();
            await UserStore.SaveLockoutsAsync(write, _user);
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                scope.Event(AuditEventType.WebAuthnAuthFailure, origin, ("reason", failure.Code), ("passkey_id", passkey?.Id)));
            if (failure.Reason == PasskeyFailureReason.SignCountRegression)
            {
                // §6.1.1: a counter that went backwards means two copies of the private key may exist.
                await AuditLog.WriteAsync(
                    write.Connection,
                    write.Transaction,
                    scope.Event(AuditEventType.WebAuthnCloneWarning, origin, ("passkey_id", passkey?.Id), ("stored_sign_count", passkey?.SignCount)));
            }

            if (locked is { } duration)
            {
                await AuditLog.WriteAsync(
                    write.Connection,
                    write.Transaction,
                    scope.Event(AuditEventType.AccountLocked, origin, ("path", "passkey"), ("minutes", duration.TotalMinutes)));
            }

            await write.CommitAsync();
        }
        catch
        {
            before.RestoreTo(Passkeys);
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
}
