using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.SignIn;

namespace FitFolio.Grains.Users;

/// <summary>Signing in by mail: issuing a link and code, and redeeming either into a session.</summary>
internal sealed class UserEmailSignIn(UserScope scope, UserSessions sessions)
{
    private readonly UserRecord _user = scope.User;

    public async Task IssueMagicLinkAsync(string purpose, RequestOrigin origin)
    {
        await using var write = await scope.BeginWriteAsync();
        var now = scope.Now;
        if (!_user.EmailSignInEnabled || _user.AdminLockedUntil > now)
        {
            // Same work, same answer to the caller: whether mail went out is visible only in the audit log.
            var reason = _user.EmailSignInEnabled ? "account_locked_by_admin" : "email_sign_in_disabled";
            await AuditLog.WriteAsync(
                write.Connection, write.Transaction, scope.Event(AuditEventType.MagicLinkRefused, origin, ("purpose", purpose), ("reason", reason)));
            await write.CommitAsync();
            return;
        }

        var token = Secrets.NewToken();
        var code = Secrets.NewCode();
        var salt = MagicLinkStore.NewSalt();
        var lifetime = scope.Options.MagicLinkLifetime;
        await MagicLinkStore.IssueAsync(
            write, _user.Id, purpose, Secrets.Digest(token), salt, Secrets.CodeDigest(salt, code), scope.Now, scope.Now + lifetime, origin.Ip);
        var link = new Uri(scope.PublicOrigin, "/auth/link#token=" + token);
        await scope.Outbox.EnqueueAsync(
            SignInMailTemplate.Create(_user.Email, link, code, (int)Math.Ceiling(lifetime.TotalMinutes)), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.MagicLinkSent, origin, ("purpose", purpose)));
        await write.CommitAsync();
    }

    /// <summary>
    /// Redeems a link found by its token, or by its code (<see cref="IEmailCodeGrain"/> checked the code
    /// and counts wrong ones), and starts a session. A sign-in by code clears the address's code lockout in
    /// the same transaction.
    /// </summary>
    public async Task<SignInResult> RedeemAsync(Guid linkId, string newSessionHash, RequestOrigin origin, string method, string failureType)
    {
        if (!scope.MaySignIn(out var refusal))
        {
            await scope.Audit.WriteAsync(scope.Event(failureType, origin, ("reason", refusal)));
            return SignInResult.Invalid;
        }

        await using var write = await scope.BeginWriteAsync();
        var purpose = await MagicLinkStore.RedeemAsync(write, linkId, _user.Id, origin.Ip, scope.Now);
        if (purpose is null)
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(failureType, origin, ("reason", "used_or_expired")));
            await write.CommitAsync();
            return SignInResult.Invalid;
        }

        if (method == "code")
        {
            await EmailCodeStore.ClearLockoutAsync(write, _user.Email);
        }

        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, scope.Event(AuditEventType.MagicLinkVerifiedSuccess, origin, ("purpose", purpose), ("method", method)));
        return await sessions.StartAsync(write, newSessionHash, origin, method == "link" ? "magic_link" : "code");
    }
}
