using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.Sessions;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Grains.Users;

/// <summary>
/// Recovery codes: the way back into a passkey-only account. The codes live only in PostgreSQL (they
/// are read on a check, never held here), so this part keeps no memory of its own.
/// </summary>
internal sealed partial class UserGrain
{
    private RecoveryCodeStore RecoveryStore => ServiceProvider.GetRequiredService<RecoveryCodeStore>();

    public async Task<IReadOnlyList<string>> IssueRecoveryCodes(RequestOrigin origin)
    {
        await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
        var codes = await IssueRecoveryCodesAsync(write, origin);
        await write.CommitAsync();
        return codes;
    }

    public Task<RecoveryCodeStatus> GetRecoveryCodeStatus() => RecoveryStore.StatusAsync(_user.Id);

    public async Task<RecoveryCodeSignIn> SignInWithRecoveryCode(Guid codeId, string newSessionHash, RequestOrigin origin)
    {
        if (!MaySignIn(out var refusal))
        {
            await _audit.WriteAsync(Event(AuditEventType.RecoveryCodeFailure, origin, ("reason", refusal)));
            return new RecoveryCodeSignIn(SignInResult.Invalid, 0);
        }

        var now = Now;
        await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
        if (!await RecoveryCodeStore.RedeemAsync(write, _user.Id, codeId, now))
        {
            // Two requests with one code: the first committed its use, so this one finds it used.
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.RecoveryCodeFailure, origin, ("reason", "used")));
            await write.CommitAsync();
            return new RecoveryCodeSignIn(SignInResult.Invalid, 0);
        }

        var remaining = await RecoveryCodeStore.CountUnusedAsync(write, _user.Id);
        await RecoveryCodeStore.ClearLockoutAsync(write, _user.Email);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.RecoveryCodeUsed, origin, ("remaining", remaining)));
        // Whoever lost their passkeys may have lost them to someone: every session but the new one ends.
        var others = _user.Sessions.Values.ToList();
        await RevokeInAsync(write, others, "recovery_code_sign_in", AuditEventType.SessionRevoked, origin);
        await _outbox.EnqueueAsync(
            AccountMailTemplates.RecoveryCodeUsed(_user.Email, remaining, origin.Ip, now, SessionsPage), write.Connection, write.Transaction);
        var result = await CompleteSignInAsync(write, newSessionHash, origin, SessionProof.RecoveryCode);
        ForgetSessions(others);
        return new RecoveryCodeSignIn(result, remaining);
    }

    /// <summary>A new set inside <paramref name="write"/>, replacing the old one; only digests are stored.</summary>
    private async Task<IReadOnlyList<string>> IssueRecoveryCodesAsync(UserWrite write, RequestOrigin origin)
    {
        string[] codes = [.. Enumerable.Range(0, RecoveryCodes.Count).Select(_ => RecoveryCodes.New())];
        var digests = codes.Select(code => RecoveryCodes.TryNormalize(code, out var normalized)
            ? RecoveryCodes.Digest(normalized)
            : throw new InvalidOperationException("A new recovery code does not normalise."));
        await RecoveryCodeStore.ReplaceAsync(write, _user.Id, digests, Now);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.RecoveryCodesIssued, origin, ("count", codes.Length)));
        return codes;
    }
}
