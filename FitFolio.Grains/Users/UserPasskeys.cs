using System.Security.Cryptography;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Passkeys;
using Npgsql;

namespace FitFolio.Grains.Users;

/// <summary>The person's passkeys: registration, the owner's list, and the email sign-in switch that depends on them.</summary>
internal sealed class UserPasskeys(
    UserScope scope, UserSessions sessions, UserRecovery recovery, PasskeyRelyingParty relyingParty, PasskeyDirectory passkeyDirectory)
{
    /// <summary>32 random bytes: §14.6.1 wants the handle opaque and unlinkable to the person.</summary>
    private const int UserHandleSize = 32;

    private readonly UserRecord _user = scope.User;
    private PendingPasskeyCeremony? _pendingRegistration;

    public async Task<PublicKeyCredentialCreationOptionsJson> StartRegistrationAsync(RequestOrigin origin)
    {
        // The handle is stored with the first passkey; until then a fresh one per ceremony costs nothing.
        var handle = _user.WebAuthnUserHandle ?? RandomNumberGenerator.GetBytes(UserHandleSize);
        var start = relyingParty.Issuer.IssueRegistration(
            new PasskeyUser(handle, _user.Email, _user.Email),
            _user.Passkeys.Select(p => p.ToDescriptor()));
        await scope.Audit.WriteAsync(scope.Event(AuditEventType.WebAuthnRegisterStart, origin));
        // A newer start replaces an older one: only the latest options can still be answered.
        _pendingRegistration = start.Pending;
        return start.Options;
    }

    public async Task<PasskeyRegistrationResult> FinishRegistrationAsync(
        string credentialJson, string name, string sessionHash, string newSessionHash, RequestOrigin origin)
    {
        // §13.4.3: one challenge, one try, whatever the outcome.
        var pending = _pendingRegistration;
        _pendingRegistration = null;
        if (pending is null)
        {
            return await RegistrationFailedAsync(PasskeyRegistrationResult.NoPendingCeremony, origin);
        }

        if (!sessions.TryGet(sessionHash, out var session))
        {
            return await RegistrationFailedAsync(PasskeyRegistrationResult.SessionEnded, origin);
        }

        RegisteredPasskey registered;
        try
        {
            registered = await relyingParty.Registration.VerifyAsync(credentialJson, pending, IsCredentialIdUnregisteredAsync);
        }
        catch (PasskeyVerificationException e)
        {
            return await RegistrationFailedAsync(e.Code, origin);
        }

        if (!PasskeyNames.TryNormalize(name, out var passkeyName))
        {
            return await RegistrationFailedAsync("invalid_name", origin);
        }

        if (_user.Passkeys.Any(p => p.HasCredentialId(registered.CredentialId)))
        {
            return await RegistrationFailedAsync(PasskeyRegistrationResult.AlreadyRegistered, origin);
        }

        var now = scope.Now;
        var passkey = PasskeyRecord.From(registered, passkeyName, now);
        var newHandle = _user.WebAuthnUserHandle is null ? registered.UserHandle : null;
        try
        {
            await using var write = await scope.BeginWriteAsync();
            if (newHandle is not null)
            {
                await PasskeyStore.SetUserHandleAsync(write, _user.Id, newHandle);
            }

            await PasskeyStore.InsertAsync(write, _user.Id, passkey);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(
                AuditEventType.WebAuthnRegisterFinishSuccess, origin,
                ("passkey_id", passkey.Id), ("algorithm", (int)passkey.Algorithm), ("attestation_format", passkey.AttestationFormat),
                ("aaguid", passkey.Aaguid), ("backup_eligible", passkey.BackupEligible)));
            // A new way to sign in is a privilege change: the session gets a new secret (OWASP ASVS 5.0 §7.2.4).
            await sessions.RotateSecretAsync(write, session, newSessionHash, "privilege_change", origin, now);
            // A passkey outlives every session and sign-out: the owner hears of it whoever added it.
            await scope.Outbox.EnqueueAsync(
                AccountMailTemplates.PasskeyAdded(_user.Email, passkey.Name, origin.Ip, now, scope.SessionsPage), write.Connection, write.Transaction);
            await write.CommitAsync();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // §7.1 step 26: a credential id registered to another account is refused, never moved.
            return await RegistrationFailedAsync(PasskeyRegistrationResult.AlreadyRegistered, origin);
        }

        if (newHandle is not null)
        {
            _user.WebAuthnUserHandle = newHandle;
        }

        _user.Passkeys.Add(passkey);
        sessions.ReplaceSecret(session, newSessionHash, now);
        return new PasskeyRegistrationResult(passkey.ToView(), _user.ToProfile(), null);
    }

    public byte[]? WebAuthnUserHandle => _user.Passkeys.Count == 0 ? null : _user.WebAuthnUserHandle;

    public IReadOnlyList<PasskeyView> List() => [.. _user.Passkeys.Select(p => p.ToView())];

    /// <summary>The account's passkey ids for the WebAuthn Signal API, from memory.</summary>
    public PasskeySignalIds SignalIds() => new(WebAuthnUserHandle, [.. _user.Passkeys.Select(p => p.CredentialId)], _user.Email);

    public async Task<PasskeyView?> RenameAsync(Guid passkeyId, string name, RequestOrigin origin)
    {
        var passkey = _user.Passkeys.FirstOrDefault(p => p.Id == passkeyId);
        if (passkey is null || !PasskeyNames.TryNormalize(name, out var newName))
        {
            return null;
        }

        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            await PasskeyStore.RenameAsync(write, passkey.Id, newName);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.PasskeyRenamed, origin, ("passkey_id", passkey.Id)));
            await write.CommitAsync(KeyedAnswer.Ok(passkey.ToView() with { Name = newName }));
        }

        passkey.Name = newName;
        return passkey.ToView();
    }

    public async Task<PasskeyChangeOutcome> DeleteAsync(Guid passkeyId, RequestOrigin origin)
    {
        var passkey = _user.Passkeys.FirstOrDefault(p => p.Id == passkeyId);
        if (passkey is null)
        {
            return PasskeyChangeOutcome.NotFound;
        }

        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            // A provider linked after going passkey-only is a way in too; read inside the write, which holds the account's row, so an
            // unlink cannot take it away meanwhile.
            if (_user.Passkeys.Count == 1 && !_user.EmailSignInEnabled && !await ExternalIdentityStore.HasPasskeyOnlyWayInAsync(write, _user.Id))
            {
                return PasskeyChangeOutcome.LastSignInMethod;
            }

            await PasskeyStore.DeleteAsync(write, passkey.Id);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.PasskeyDeleted, origin, ("passkey_id", passkey.Id)));
            await write.CommitAsync(KeyedAnswer.NoContent);
        }

        _user.Passkeys.Remove(passkey);
        return PasskeyChangeOutcome.Done;
    }

    /// <summary>
    /// Turns email sign-in off (two passkeys at least; a first set of recovery codes replaces the mailbox as the
    /// way back) or on again (the mailbox is the way back once more, so the codes left are revoked).
    /// </summary>
    public async Task<EmailSignInChange> SetEmailSignInAsync(bool enabled, RequestOrigin origin)
    {
        if (!enabled && _user.Passkeys.Count < 2)
        {
            return new EmailSignInChange(PasskeyChangeOutcome.NeedsTwoPasskeys, _user.ToProfile());
        }

        IReadOnlyList<string>? recoveryCodes = null;
        if (enabled != _user.EmailSignInEnabled)
        {
            await using (var write = await scope.BeginWriteAsync())
            {
                await PasskeyStore.SetEmailSignInAsync(write, _user.Id, enabled);
                await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.EmailSignInChanged, origin, ("enabled", enabled)));
                if (!enabled)
                {
                    // Off shuts the mailbox out of sign-in, so it is the mailbox that must hear of it.
                    await scope.Outbox.EnqueueAsync(
                        AccountMailTemplates.EmailSignInTurnedOff(_user.Email, origin.Ip, scope.Now, scope.SessionsPage), write.Connection, write.Transaction);
                    // ...and the mailbox was the way back after losing every passkey: recovery codes replace it.
                    recoveryCodes = await recovery.IssueInAsync(write, origin);
                }
                else
                {
                    await recovery.RevokeInAsync(write, "email_sign_in_enabled", origin);
                }

                await write.CommitAsync();
            }

            _user.EmailSignInEnabled = enabled;
        }

        return new EmailSignInChange(PasskeyChangeOutcome.Done, _user.ToProfile(), recoveryCodes);
    }

    /// <summary>Fido2's §7.1 step 25 check: no account, this one included, holds the credential id yet.</summary>
    private async Task<bool> IsCredentialIdUnregisteredAsync(byte[] credentialId, CancellationToken cancellationToken) =>
        !_user.Passkeys.Any(p => p.HasCredentialId(credentialId))
        && await passkeyDirectory.FindOwnerAsync(credentialId, cancellationToken) is null;

    private async Task<PasskeyRegistrationResult> RegistrationFailedAsync(string code, RequestOrigin origin)
    {
        await scope.Audit.WriteAsync(scope.Event(AuditEventType.WebAuthnRegisterFinishFailure, origin, ("reason", code)));
        return PasskeyRegistrationResult.Failed(code);
    }
}
