using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// Recovery codes: the way back into a passkey-only account. The codes live only in PostgreSQL (they
/// are read on a check, never held here), so this part keeps no memory of its own.
/// </summary>
internal sealed class UserRecovery(UserScope scope, UserSessions sessions, RecoveryCodeStore store)
{
    private readonly UserRecord _user = scope.User;

    public async Task<IReadOnlyList<string>> IssueAsync(RequestOrigin origin)
    {
        await using var write = await scope.BeginWriteAsync();
        var codes = await IssueInAsync(write, origin);
        await write.CommitAsync();
        return codes;
    }

    public Task<RecoveryCodeStatus> StatusAsync() => store.StatusAsync(_user.Id);

    public async Task<RecoveryCodeSignIn> SignInAsync(Guid codeId, string newSessionHash, RequestOrigin origin)
    {
        if (!scope.MaySignIn(out var refusal))
        {
            await scope.Audit.WriteAsync(scope.Event(AuditEventType.RecoveryCodeFailure, origin, ("reason", refusal)));
            return new RecoveryCodeSignIn(SignInResult.Invalid, 0);
        }

        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        if (!await RecoveryCodeStore.RedeemAsync(write, _user.Id, codeId, now))
        {
            // Two requests with one code: the first committed its use, so this one finds it used.
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.RecoveryCodeFailure, origin, ("reason", "used")));
            await write.CommitAsync();
            return new RecoveryCodeSignIn(SignInResult.Invalid, 0);
        }

        var remaining = await RecoveryCodeStore.CountUnusedAsync(write, _user.Id);
        await RecoveryCodeStore.ClearLockoutAsync(write, _user.Email);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.RecoveryCodeUsed, origin, ("remaining", remaining)));
        // Whoever lost their passkeys may have lost them to someone: every session but the new one ends.
        var others = _user.Sessions.Values.ToList();
        await sessions.RevokeInAsync(write, others, "recovery_code_sign_in", AuditEventType.SessionRevoked, origin);
        await scope.Outbox.EnqueueAsync(
            AccountMailTemplates.RecoveryCodeUsed(_user.Email, remaining, origin.Ip, now, scope.SessionsPage), write.Connection, write.Transaction);
        var result = await sessions.StartAsync(write, newSessionHash, origin, SessionProof.RecoveryCode);
        sessions.Forget(others);
        return new RecoveryCodeSignIn(result, remaining);
    }

    /// <summary>A new set inside <paramref name="write"/>, replacing the old one; only digests are stored.</summary>
    public async Task<IReadOnlyList<string>> IssueInAsync(UserWrite write, RequestOrigin origin)
    {
        string[] codes = [.. Enumerable.Range(0, RecoveryCodes.Count).Select(_ => RecoveryCodes.New())];
        var digests = codes.Select(code => RecoveryCodes.TryNormalize(code, out var normalized)
            ? RecoveryCodes.Digest(normalized)
            : throw new InvalidOperationException("A new recovery code does not normalise."));
        await RecoveryCodeStore.ReplaceAsync(write, _user.Id, digests, scope.Now);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.RecoveryCodesIssued, origin, ("count", codes.Length)));
        return codes;
    }

    /// <summary>
    /// Ends the account's set inside <paramref name="write"/> (an empty set replaces it) and audits how many codes
    /// still worked; with none unused there is nothing to end, and nothing is audited. Called when email sign-in comes back on:
    /// the mailbox is then the way back, and a code left on paper would be a second, standing way in that nobody
    /// needs (ASVS 5.0 §6.1.3: every pathway documented and as strong as the rest).
    /// </summary>
    public async Task RevokeInAsync(UserWrite write, string reason, RequestOrigin origin)
    {
        var unused = await RecoveryCodeStore.CountUnusedAsync(write, _user.Id);
        if (unused == 0)
        {
            return;
        }

        await RecoveryCodeStore.ReplaceAsync(write, _user.Id, [], scope.Now);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, scope.Event(AuditEventType.RecoveryCodesRevoked, origin, ("unused", unused), ("reason", reason)));
    }
}
