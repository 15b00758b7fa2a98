using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.SignIn;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Recovery;

/// <summary>
/// Holds no state between calls: the lockout and the unused codes are read afresh each time, so a
/// sign-in or a new set (written by the user grain) needs no message here.
/// </summary>
[GrainType("recovery-code")]
internal sealed class RecoveryCodeGrain(RecoveryCodeStore store, AuditLog audit, TimeProvider clock, IOptions<AuthOptions> options) : Grain, IRecoveryCodeGrain
{
    public async Task<RecoveryCodeCheck> Check(string code, RequestOrigin origin)
    {
        var now = clock.GetUtcNow();
        var email = this.GetPrimaryKeyString();
        var pending = await store.ReadAsync(email);
        if (pending.Lockout.RemainingAt(now) is { } remaining)
        {
            await audit.WriteAsync(Event(AuditEventType.RecoveryCodeFailure, pending, origin, ("reason", "locked")));
            return RecoveryCodeCheck.LockedFor(remaining);
        }

        // Every unused code is compared in fixed time, and the loop never stops early.
        var candidate = RecoveryCodes.Digest(code);
        Guid? match = null;
        foreach (var stored in pending.Codes)
        {
            if (Secrets.FixedTimeEquals(candidate, stored.Digest) && code.Length > 0)
            {
                match = stored.Id;
            }
        }

        if (match is { } codeId)
        {
            return new RecoveryCodeCheck(EmailCodeOutcome.Matched, pending.UserId, codeId);
        }

        var reason = code.Length == 0 ? "malformed_code" : pending.UserId is null ? "unknown_email" : pending.Codes.Count == 0 ? "no_codes" : "wrong_code";
        var locked = pending.Lockout.RecordFailure(now, options.Value);
        List<AuditEvent> events = [Event(AuditEventType.RecoveryCodeFailure, pending, origin, ("reason", reason))];
        if (locked is { } duration)
        {
            events.Add(Event(AuditEventType.AccountLocked, pending, origin, ("path", "recovery_code"), ("minutes", duration.TotalMinutes)));
        }

        await store.RecordFailureAsync(email, pending.Lockout, events);
        return locked is { } lockedFor ? RecoveryCodeCheck.LockedFor(lockedFor) : RecoveryCodeCheck.Wrong;
    }

    private static AuditEvent Event(string type, PendingRecovery pending, RequestOrigin origin, params (string Key, object? Value)[] details) =>
        new(type, pending.UserId, origin, details.ToDictionary(d => d.Key, d => d.Value));
}
