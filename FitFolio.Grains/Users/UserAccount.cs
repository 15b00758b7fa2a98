using FitFolio.Grains.Accounts;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using Npgsql;

namespace FitFolio.Grains.Users;

/// <summary>The account itself: its address, its data, its end. Memory changes only after the commit.</summary>
internal sealed class UserAccount(UserScope scope, UserSessions sessions, ApiKeyStore apiKeys)
{
    private readonly UserRecord _user = scope.User;

    public async Task<EmailChangeOutcome> RequestEmailChangeAsync(EmailAddress newEmail, RequestOrigin origin)
    {
        if (newEmail.Value == _user.Email)
        {
            return EmailChangeOutcome.SameAddress;
        }

        // Whether another account holds the address is not told here (that would enumerate accounts);
        // the link goes out either way and confirming it refuses a taken address.
        var token = Secrets.NewToken();
        var lifetime = scope.Options.EmailChangeLifetime;
        var now = scope.Now;
        await using var write = await scope.BeginWriteAsync();
        await EmailChangeStore.IssueAsync(write, _user.Id, newEmail.Value, Secrets.Digest(token), now, now + lifetime, origin.Ip);
        var link = new Uri(scope.PublicOrigin, "/account/email/confirm#token=" + token);
        await scope.Outbox.EnqueueAsync(AccountMailTemplates.ConfirmNewEmail(newEmail.Value, link, lifetime), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(
            write.Connection,
            write.Transaction,
            scope.Event(AuditEventType.EmailChangeRequested, origin, ("new_domain", MailAddresses.DomainOf(newEmail.Value))));
        await write.CommitAsync();
        return EmailChangeOutcome.Done;
    }

    public async Task<EmailChangeOutcome> ConfirmEmailChangeAsync(Guid changeId, bool endOtherSessions, string? keepSessionHash, RequestOrigin origin)
    {
        var now = scope.Now;
        var oldEmail = _user.Email;
        // ASVS 5.0 §7.4.3: a changed factor may end the other sessions; the person chooses, the app asks.
        List<Session> ended = endOtherSessions ? [.. _user.Sessions.Values.Where(s => s.SecretHash != keepSessionHash)] : [];
        string? newEmail;
        try
        {
            await using var write = await scope.BeginKeyedWriteAsync();
            newEmail = await EmailChangeStore.RedeemAsync(write, changeId, _user.Id, now);
            if (newEmail is null)
            {
                return EmailChangeOutcome.InvalidLink;
            }

            await using (var update = write.Command("update users set email = @email, email_verified_at = coalesce(email_verified_at, @now) where id = @id"))
            {
                update.Parameters.AddWithValue("id", _user.Id);
                update.Parameters.AddWithValue("email", newEmail);
                update.Parameters.AddWithValue("now", now);
                await update.ExecuteNonQueryAsync();
            }

            // A link or code mailed to the old address must not sign in once the address is no longer the account's.
            var voided = await MagicLinkStore.VoidLiveAsync(write, _user.Id, now);
            if (ended.Count > 0)
            {
                await sessions.RevokeInAsync(write, ended, "email_changed", AuditEventType.SessionRevoked, origin);
            }

            await scope.Outbox.EnqueueAsync(
                AccountMailTemplates.EmailChanged(oldEmail, MailAddresses.DomainOf(newEmail), now, scope.SessionsPage), write.Connection, write.Transaction);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(
                AuditEventType.EmailChanged, origin,
                ("old_domain", MailAddresses.DomainOf(oldEmail)),
                ("new_domain", MailAddresses.DomainOf(newEmail)),
                ("sessions_ended", ended.Count),
                ("sign_in_links_voided", voided)));
            // The front door answers the profile as it is once memory follows this commit.
            await write.CommitAsync(KeyedAnswer.Ok(_user.ToProfile() with { Email = newEmail, EmailVerified = true }));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Someone signed up with the address after the change was asked for; the link stays usable
            // should the address come free. Memory was not touched, and the transaction rolled back.
            await scope.Audit.WriteAsync(scope.Event(AuditEventType.EmailChangeFailed, origin, ("reason", "address_taken")));
            return EmailChangeOutcome.AddressTaken;
        }

        _user.Email = newEmail;
        _user.EmailVerifiedAt ??= now;
        sessions.Forget(ended);
        return EmailChangeOutcome.Done;
    }

    /// <summary>
    /// Deletes the row (and with it everything the account owns), tells the address, and empties memory; returns the
    /// public ids of the account's API keys, whose grains the caller tells to forget them.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteAsync(RequestOrigin origin)
    {
        if (_user.Deleted)
        {
            // A second delete queued behind the first on this activation: the row and the keys are already gone.
            return [];
        }

        var keys = await apiKeys.ListPublicIdsAsync(_user.Id);
        var now = scope.Now;
        await using (var write = await scope.BeginWriteAsync())
        {
            // The audit trail has no foreign key, so this event outlives the row (retention applies).
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                scope.Event(
                    AuditEventType.AccountDeleted, origin, ("sessions", _user.Sessions.Count), ("passkeys", _user.Passkeys.Count), ("api_keys", keys.Count)));
            await scope.Outbox.EnqueueAsync(AccountMailTemplates.AccountDeleted(_user.Email, now), write.Connection, write.Transaction);
            await using (var delete = write.Command("delete from users where id = @id"))
            {
                delete.Parameters.AddWithValue("id", _user.Id);
                await delete.ExecuteNonQueryAsync();
            }

            await write.CommitAsync();
        }

        // Memory follows the database: no session, passkey or key of this account works from here on,
        // and the next call finds no row and fails as an unknown user.
        _user.Sessions.Clear();
        _user.Passkeys.Clear();
        _user.Deleted = true;
        return keys;
    }

    public bool MayUseApiKeys() => scope.MaySignIn(out _);

    public AccountSnapshot Snapshot() => new(
        _user.ToProfile(),
        [.. _user.Sessions.Values.OrderByDescending(s => s.LastSeenAt).Select(s => s.ToView(current: false))],
        [.. _user.Passkeys.Select(p => p.ToView())]);
}
