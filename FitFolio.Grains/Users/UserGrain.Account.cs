using FitFolio.Grains.Accounts;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using Npgsql;

namespace FitFolio.Grains.Users;

/// <summary>Email changes, account deletion and the export snapshot. Memory changes only after the commit.</summary>
internal sealed partial class UserGrain
{
    public async Task<EmailChangeOutcome> RequestEmailChange(EmailAddress newEmail, RequestOrigin origin)
    {
        if (newEmail.Value == _user.Email)
        {
            return EmailChangeOutcome.SameAddress;
        }

        // Whether another account holds the address is not told here (that would enumerate accounts);
        // the link goes out either way and confirming it refuses a taken address.
        var token = Secrets.NewToken();
        var lifetime = _options.EmailChangeLifetime;
        var now = Now;
        await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
        await EmailChangeStore.IssueAsync(write, _user.Id, newEmail.Value, Secrets.Digest(token), now, now + lifetime, origin.Ip);
        var link = new Uri(PublicOrigin, "/account/email/confirm#token=" + token);
        await _outbox.EnqueueAsync(AccountMailTemplates.ConfirmNewEmail(newEmail.Value, link, lifetime), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, Event(AuditEventType.EmailChangeRequested, origin, ("new_domain", MailAddresses.DomainOf(newEmail.Value))));
        await write.CommitAsync();
        return EmailChangeOutcome.Done;
    }

    public async Task<EmailChangeOutcome> ConfirmEmailChange(Guid changeId, bool endOtherSessions, string? keepSessionHash, RequestOrigin origin)
    {
        var now = Now;
        var oldEmail = _user.Email;
        // ASVS 5.0 §7.4.3: a changed factor may end the other sessions; the person chooses, the app asks.
        List<Session> ended = endOtherSessions ? [.. _user.Sessions.Values.Where(s => s.SecretHash != keepSessionHash)] : [];
        string? newEmail;
        try
        {
            await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
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
                await RevokeInAsync(write, ended, "email_changed", AuditEventType.SessionRevoked, origin);
            }

            await _outbox.EnqueueAsync(
                AccountMailTemplates.EmailChanged(oldEmail, MailAddresses.DomainOf(newEmail), now, SessionsPage), write.Connection, write.Transaction);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(
                AuditEventType.EmailChanged, origin,
                ("old_domain", MailAddresses.DomainOf(oldEmail)),
                ("new_domain", MailAddresses.DomainOf(newEmail)),
                ("sessions_ended", ended.Count),
                ("sign_in_links_voided", voided)));
            await write.CommitAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Someone signed up with the address after the change was asked for; the link stays usable
            // should the address come free. Memory was not touched, and the transaction rolled back.
            await _audit.WriteAsync(Event(AuditEventType.EmailChangeFailed, origin, ("reason", "address_taken")));
            return EmailChangeOutcome.AddressTaken;
        }

        _user.Email = newEmail;
        _user.EmailVerifiedAt ??= now;
        ForgetSessions(ended);
        return EmailChangeOutcome.Done;
    }

    public async Task DeleteAccount(RequestOrigin origin)
    {
        var keys = await _apiKeys.ListPublicIdsAsync(_user.Id);
        var now = Now;
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            // The audit trail has no foreign key, so this event outlives the row (retention applies).
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                Event(AuditEventType.AccountDeleted, origin, ("sessions", _user.Sessions.Count), ("passkeys", _user.Passkeys.Count), ("api_keys", keys.Count)));
            await _outbox.EnqueueAsync(AccountMailTemplates.AccountDeleted(_user.Email, now), write.Connection, write.Transaction);
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
        foreach (var key in keys)
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(key).Forget();
        }

        DeactivateOnIdle();
    }

    public Task<bool> MayUseApiKeys() => Task.FromResult(MaySignIn(out _));

    public Task<AccountSnapshot> Snapshot() =>
        Task.FromResult(new AccountSnapshot(
            _user.ToProfile(),
            [.. _user.Sessions.Values.OrderByDescending(s => s.LastSeenAt).Select(s => s.ToView(current: false))],
            [.. _user.Passkeys.Select(p => p.ToView())]));

    /// <summary>Records the device of a sign-in; mails the alert when an account with other devices meets a new one.</summary>
    private async Task NoteDeviceAsync(UserWrite write, Session session, RequestOrigin origin)
    {
        if (origin.DeviceHash is not { } device || !await KnownDevices.RecordAsync(write, _user.Id, device, session.CreatedAt))
        {
            return;
        }

        var description = DeviceNames.Describe(origin.UserAgent);
        await _outbox.EnqueueAsync(
            AccountMailTemplates.NewDevice(_user.Email, description, origin.Ip, session.CreatedAt, SessionsPage), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, Event(AuditEventType.NewDeviceSignIn, origin, ("session_id", session.Id), ("device", description)));
    }
}
