using FitFolio.Grains.Audit;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// Signing in with an external provider: by an identity linked to this account, or by linking a new one to an account nobody has
/// proved they own yet. The links live only in PostgreSQL (read inside each write, never held here).
/// </summary>
internal sealed class UserExternalIdentities(UserScope scope, UserSessions sessions)
{
    private readonly UserRecord _user = scope.User;

    /// <summary>Starts a session for an identity linked to this account; refused on a lock, and on a passkey-only account unless linked after.</summary>
    public async Task<SignInResult> SignInAsync(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin)
    {
        if (!scope.MaySignIn(out var refusal))
        {
            await scope.Audit.WriteAsync(Failure(identity, origin, refusal));
            return SignInResult.Invalid;
        }

        await using var write = await scope.BeginWriteAsync();
        var usableWhenPasskeyOnly = await ExternalIdentityStore.FindLinkAsync(write, _user.Id, identity.Provider, identity.Subject);
        refusal = usableWhenPasskeyOnly is null ? "not_linked"
            : !_user.EmailSignInEnabled && usableWhenPasskeyOnly == false ? "email_sign_in_disabled"
            : "";
        if (refusal.Length > 0)
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Failure(identity, origin, refusal));
            await write.CommitAsync();
            return SignInResult.Invalid;
        }

        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalSignInSuccess, identity, origin));
        return await sessions.StartAsync(write, newSessionHash, origin, SessionProof.Provider, identity.AuthenticatedAt ?? DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// Links a new identity whose provider vouches for this account's address, and signs in: only while nobody has proved they own the
    /// address (an account someone merely asked a link for), since the provider's word is then the first proof. The first sign-in
    /// verifies the address, so an account with an owner never gets here: linking it needs the owner.
    /// </summary>
    public async Task<SignInResult> SignUpAsync(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin)
    {
        var refusal = !scope.MaySignIn(out var locked) ? locked
            : _user.EmailVerifiedAt is not null ? "email_belongs_to_account"
            : !EmailAddress.TryParse(identity.Email, out var email) || email.Value != _user.Email ? "email_mismatch"
            : "";
        if (refusal.Length > 0)
        {
            await scope.Audit.WriteAsync(Failure(identity, origin, refusal));
            return SignInResult.Invalid;
        }

        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        if (!await ExternalIdentityStore.LinkAsync(write, _user.Id, identity, usableWhenPasskeyOnly: !_user.EmailSignInEnabled, now))
        {
            // Another front door linked this identity a moment ago: the caller looks it up again.
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Failure(identity, origin, "linked_meanwhile"));
            await write.CommitAsync();
            return SignInResult.Invalid;
        }

        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalIdentityLinked, identity, origin));
        await scope.Outbox.EnqueueAsync(
            AccountMailTemplates.ProviderLinked(_user.Email, identity.Provider, origin.Ip, now, scope.SessionsPage), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalSignInSuccess, identity, origin));
        return await sessions.StartAsync(write, newSessionHash, origin, SessionProof.Provider, identity.AuthenticatedAt ?? DateTimeOffset.UnixEpoch);
    }

    private AuditEvent Event(string type, ExternalIdentityClaim identity, RequestOrigin origin) => scope.Event(type, origin, ("provider", identity.Provider));

    private AuditEvent Failure(ExternalIdentityClaim identity, RequestOrigin origin, string reason) =>
        scope.Event(AuditEventType.ExternalSignInFailure, origin, ("provider", identity.Provider), ("reason", reason));
}
