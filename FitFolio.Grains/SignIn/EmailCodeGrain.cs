using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// Holds no state between calls: the lockout, account and live code are read afresh each time, so
/// a sign-in or an admin's unlock (written by the user grain) needs no message here.
/// </summary>
[GrainType("email-code")]
internal sealed class EmailCodeGrain(EmailCodeStore store, AuditLog audit, TimeProvider clock, IOptions<AuthOptions> options) : Grain, IEmailCodeGrain
{
    public async Task<EmailCodeCheck> Check(string code, RequestOrigin origin)
    {
        var now = clock.GetUtcNow();
        var pending = await store.ReadAsync(this.GetPrimaryKeyString(), now);
        if (pending.Lockout.RemainingAt(now) is { } remaining)
        {
            await audit.WriteAsync(Event(AuditEventType.CodeFailure, pending, origin, ("reason", "locked")));
            return EmailCodeCheck.LockedFor(remaining);
        }

        if (pending.Link is { } link && link.CodeAttempts < options.Value.MaxCodeAttempts && code.Length == 8
            && Secrets.FixedTimeEquals(Secrets.CodeDigest(link.CodeSalt, code), link.CodeHash))
        {
            return new EmailCodeCheck(EmailCodeOutcome.Matched, pending.UserId, link.Id);
        }

        var reason = code.Length == 0 ? "malformed_code" : pending.UserId is null ? "unknown_email" : pending.Link is null ? "no_live_code" : "wrong_code";
        var locked = pending.Lockout.RecordFailure(now, options.Value);
        List<AuditEvent> events = [Event(AuditEventType.CodeFailure, pending, origin, ("reason", reason))];
        if (locked is { } duration)
        {
            events.Add(Event(AuditEventType.AccountLocked, pending, origin, ("path", "code"), ("minutes", duration.TotalMinutes)));
        }

        await store.RecordFailureAsync(this.GetPrimaryKeyString(), pending, options.Value.MaxCodeAttempts, events, now);
        return locked is { } lockedFor ? EmailCodeCheck.LockedFor(lockedFor) : EmailCodeCheck.Wrong;
    }

    private static AuditEvent Event(string type, PendingCode pending, RequestOrigin origin, params (string Key, object? Value)[] details) =>
        new(type, pending.UserId, origin, details.ToDictionary(d => d.Key, d => d.Value));
}
