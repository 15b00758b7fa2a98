using FitFolio.Grains.Audit;
using FitFolio.Grains.Accounts;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// Signing in with an external provider: by an identity linked to this account, by linking a new one to an account nobody has
/// proved they own yet, or by the owner's say-so (a mailed link, or signed in already). The links live only in PostgreSQL (read inside
/// each write, never held here).
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

        await NoteLinkedAsync(write, identity, origin, now);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalSignInSuccess, identity, origin));
        return await sessions.StartAsync(write, newSessionHash, origin, SessionProof.Provider, identity.AuthenticatedAt ?? DateTimeOffset.UnixEpoch);
    }

    /// <summary>
    /// Mails the owner a single-use link to confirm linking <paramref name="identity"/>, whose provider vouches for this account's address.
    /// False (and nothing mailed) on a lock, or when email sign-in is off: a mailed link would be a way in the owner turned off.
    /// </summary>
    public async Task<bool> RequestLinkAsync(ExternalIdentityClaim identity, RequestOrigin origin)
    {
        var refusal = !scope.MaySignIn(out var locked) ? locked : !_user.EmailSignInEnabled ? "email_sign_in_disabled" : "";
        if (refusal.Length > 0)
        {
            await scope.Audit.WriteAsync(Failure(identity, origin, refusal));
            return false;
        }

        var token = Secrets.NewToken();
        // As long as a sign-in link: following it signs in the same way.
        var lifetime = scope.Options.MagicLinkLifetime;
        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        await ExternalLinkStore.IssueAsync(write, _user.Id, identity, Secrets.Digest(token), now, now + lifetime, origin.Ip);
        var link = new Uri(scope.PublicOrigin, "/auth/provider-link#token=" + token);
        await scope.Outbox.EnqueueAsync(ExternalLinkMail.Confirm(_user.Email, identity.Provider, link, lifetime), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalIdentityLinkRequested, identity, origin));
        await write.CommitAsync();
        return true;
    }

    /// <summary>
    /// The owner followed the mailed link: the identity it names is linked and a session starts, proved by the mailbox like a sign-in link.
    /// Invalid when the link is used or expired, the account is locked or email sign-in was turned off meanwhile, or the identity was linked
    /// to an account since.
    /// </summary>
    public async Task<SignInResult> ConfirmLinkAsync(Guid confirmationId, string newSessionHash, RequestOrigin origin)
    {
        var refusal = !scope.MaySignIn(out var locked) ? locked : !_user.EmailSignInEnabled ? "email_sign_in_disabled" : "";
        if (refusal.Length > 0)
        {
            await scope.Audit.WriteAsync(scope.Event(AuditEventType.ExternalSignInFailure, origin, ("reason", refusal)));
            return SignInResult.Invalid;
        }

        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        var identity = await ExternalLinkStore.RedeemAsync(write, confirmationId, _user.Id, now);
        if (identity is null || !await ExternalIdentityStore.LinkAsync(write, _user.Id, identity, usableWhenPasskeyOnly: false, now))
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, identity is null
                ? scope.Event(AuditEventType.ExternalSignInFailure, origin, ("reason", "used_or_expired"))
                : Failure(identity, origin, "linked_meanwhile"));
            await write.CommitAsync();
            return SignInResult.Invalid;
        }

        await NoteLinkedAsync(write, identity, origin, now);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalSignInSuccess, identity, origin));
        return await sessions.StartAsync(write, newSessionHash, origin, SessionProof.MagicLink);
    }

    /// <summary>
    /// Links <paramref name="identity"/> to this account for its signed-in owner (the front door checked the session and the recent sign-in).
    /// False on a lock, or when the identity is linked to an account already.
    /// </summary>
    public async Task<bool> LinkAsync(ExternalIdentityClaim identity, RequestOrigin origin)
    {
        if (!scope.MaySignIn(out var refusal))
        {
            await scope.Audit.WriteAsync(Failure(identity, origin, refusal));
            return false;
        }

        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        // Linked while email sign-in is off, the owner chose this provider for a passkey-only account.
        if (!await ExternalIdentityStore.LinkAsync(write, _user.Id, identity, usableWhenPasskeyOnly: !_user.EmailSignInEnabled, now))
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Failure(identity, origin, "linked_already"));
            await write.CommitAsync();
            return false;
        }

        await NoteLinkedAsync(write, identity, origin, now);
        await write.CommitAsync();
        return true;
    }

    /// <summary>
    /// Unlinks an identity for the signed-in owner (the front door checked the session and the recent sign-in). Refused when it would leave
    /// no way to sign in: email sign-in off, no passkey, and no other provider usable on a passkey-only account. Decided inside the write,
    /// which holds the account's row, so a concurrent unlink or passkey deletion cannot remove the other way in meanwhile.
    /// </summary>
    public async Task<PasskeyChangeOutcome> UnlinkAsync(string provider, string subject, RequestOrigin origin)
    {
        var now = scope.Now;
        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            if (!await ExternalIdentityStore.UnlinkAsync(write, _user.Id, provider, subject))
            {
                return PasskeyChangeOutcome.NotFound;
            }

            if (_user.EmailSignInEnabled || _user.Passkeys.Count > 0 || await ExternalIdentityStore.HasPasskeyOnlyWayInAsync(write, _user.Id))
            {
                var unlinked = scope.Event(AuditEventType.ExternalIdentityUnlinked, origin, ("provider", provider), ("subject", subject));
                await AuditLog.WriteAsync(write.Connection, write.Transaction, unlinked);
                await scope.Outbox.EnqueueAsync(
                    AccountMailTemplates.ProviderUnlinked(_user.Email, provider, origin.Ip, now, scope.SessionsPage), write.Connection, write.Transaction);
                await write.CommitAsync(KeyedAnswer.NoContent);
                return PasskeyChangeOutcome.Done;
            }
        }

        // The delete rolled back with the write; the refusal is recorded on its own.
        await scope.Audit.WriteAsync(
            scope.Event(AuditEventType.ExternalIdentityUnlinkRefused, origin, ("provider", provider), ("reason", "last_sign_in_method")));
        return PasskeyChangeOutcome.LastSignInMethod;
    }

    private async Task NoteLinkedAsync(UserWrite write, ExternalIdentityClaim identity, RequestOrigin origin, DateTimeOffset now)
    {
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.ExternalIdentityLinked, identity, origin));
        await scope.Outbox.EnqueueAsync(
            AccountMailTemplates.ProviderLinked(_user.Email, identity.Provider, origin.Ip, now, scope.SessionsPage), write.Connection, write.Transaction);
    }

    private AuditEvent Event(string type, ExternalIdentityClaim identity, RequestOrigin origin) => scope.Event(type, origin, ("provider", identity.Provider));

    private AuditEvent Failure(ExternalIdentityClaim identity, RequestOrigin origin, string reason) =>
        scope.Event(AuditEventType.ExternalSignInFailure, origin, ("provider", identity.Provider), ("reason", reason));
}
