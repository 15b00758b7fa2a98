using FitFolio.Grains.Accounts;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// The user grain: one activation per person, whose turns make every decision about them atomic (an admin
/// lock, the sessions it ends and the next check cannot interleave). The grain itself only loads the person,
/// hands each call to the part that owns its concern (<see cref="UserSessions"/>, <see cref="UserEmailSignIn"/>,
/// <see cref="UserLockout"/>, <see cref="UserPasskeyAssertions"/>, <see cref="UserPasskeys"/>, <see cref="UserRecovery"/>,
/// <see cref="UserAccount"/>, <see cref="UserAdmin"/>, <see cref="UserExternalIdentities"/>: plain classes made per activation over the same
/// <see cref="UserRecord"/>), and drops itself when a write fails half-way.
/// </summary>
[PersonGrainPlacement]
[GrainType("user")]
internal sealed class UserGrain(UserGrainSharedContext shared) : Grain, IUserGrain, IIncomingGrainCallFilter
{
    private UserSessions _sessions = null!;
    private UserEmailSignIn _emailSignIn = null!;
    private UserPasskeyAssertions _assertions = null!;
    private UserPasskeys _passkeys = null!;
    private UserRecovery _recovery = null!;
    private UserAccount _account = null!;
    private UserAdmin _admin = null!;
    private UserExternalIdentities _external = null!;
    private UserRecord _user = null!;
    private bool _writeAbandoned;
    private bool _discarded;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(this.GetPrimaryKeyString(), "N", out var id))
        {
            throw new UnknownUserException($"'{this.GetPrimaryKeyString()}' is not a user id.");
        }

        _user = await shared.Store.LoadAsync(id, shared.Clock.GetUtcNow(), cancellationToken) ?? throw new UnknownUserException($"No user {id}.");
        var scope = new UserScope(_user, shared, ReloadIfThisCallFails);
        var lockout = new UserLockout(scope);
        _sessions = new UserSessions(scope, shared.Store);
        _emailSignIn = new UserEmailSignIn(scope, _sessions);
        _assertions = new UserPasskeyAssertions(scope, _sessions, lockout, shared.RelyingParty);
        _recovery = new UserRecovery(scope, _sessions, shared.RecoveryCodes);
        _passkeys = new UserPasskeys(scope, _sessions, _recovery, shared.RelyingParty, shared.PasskeyDirectory);
        _account = new UserAccount(scope, _sessions, shared.ApiKeys);
        _admin = new UserAdmin(scope, _sessions, lockout);
        _external = new UserExternalIdentities(scope, _sessions);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (!_discarded && _sessions is not null)
        {
            await _sessions.FlushLastSeenAsync(force: true);
        }
    }

    /// <summary>
    /// A call whose write began but did not commit drops this activation, so the next call reloads from
    /// PostgreSQL: memory must not keep a change the caller was told failed, and the commit may even have
    /// reached the database before the connection broke.
    /// </summary>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        _writeAbandoned = false;
        try
        {
            await context.Invoke();
        }
        catch when (_writeAbandoned)
        {
            // Deactivated once this call ends; OnDeactivateAsync then writes nothing from this memory.
            _discarded = true;
            DeactivateOnIdle();
            throw;
        }
    }

    // Sessions and signing in by mail.
    public Task<UserProfile> GetProfile() => Task.FromResult(_user.ToProfile());

    public Task IssueMagicLink(string purpose, RequestOrigin origin) => _emailSignIn.IssueMagicLinkAsync(purpose, origin);

    public Task<SignInResult> SignInWithLink(Guid linkId, string newSessionHash, RequestOrigin origin) =>
        _emailSignIn.RedeemAsync(linkId, newSessionHash, origin, "link", AuditEventType.MagicLinkVerifiedFailure);

    public Task<SignInResult> SignInWithCode(Guid linkId, string newSessionHash, RequestOrigin origin) =>
        _emailSignIn.RedeemAsync(linkId, newSessionHash, origin, "code", AuditEventType.CodeFailure);

    public Task<SessionCheck> CheckSession(string sessionHash, RateLimitRule accountLimit) => Task.FromResult(_sessions.Check(sessionHash, accountLimit));

    public Task<bool> RotateSession(string sessionHash, string newSessionHash, string reason, RequestOrigin origin) =>
        _sessions.RotateAsync(sessionHash, newSessionHash, reason, origin);

    public Task Logout(string sessionHash, RequestOrigin origin) => _sessions.EndAsync(sessionHash, "logout", AuditEventType.Logout, origin);

    public Task EndReplacedSession(string sessionHash, RequestOrigin origin) =>
        _sessions.EndAsync(sessionHash, "replaced_by_sign_in", AuditEventType.SessionRevoked, origin);

    public Task<IReadOnlyList<SessionView>> ListSessions(string currentSessionHash) => Task.FromResult(_sessions.List(currentSessionHash));

    public Task<bool> RevokeSession(Guid sessionId, string currentSessionHash, RequestOrigin origin) =>
        _sessions.RevokeOneAsync(sessionId, currentSessionHash, origin);

    public Task<int> RevokeOtherSessions(string currentSessionHash, RequestOrigin origin) => _sessions.RevokeOthersAsync(currentSessionHash, origin);

    // Passkeys.
    public Task<PublicKeyCredentialCreationOptionsJson> StartPasskeyRegistration(RequestOrigin origin) => _passkeys.StartRegistrationAsync(origin);

    public Task<PasskeyRegistrationResult> FinishPasskeyRegistration(
        string credentialJson, string name, string sessionHash, string newSessionHash, RequestOrigin origin) =>
        _passkeys.FinishRegistrationAsync(credentialJson, name, sessionHash, newSessionHash, origin);

    public Task<PasskeySignInResult> SignInWithPasskey(PendingCeremonyState ceremony, string credentialJson, string newSessionHash, RequestOrigin origin) =>
        _assertions.SignInAsync(ceremony, credentialJson, newSessionHash, origin);

    public Task<PasskeySignInResult> ReauthenticateWithPasskey(
        PendingCeremonyState ceremony, string credentialJson, string sessionHash, string newSessionHash, RequestOrigin origin) =>
        _assertions.ReauthenticateAsync(ceremony, credentialJson, sessionHash, newSessionHash, origin);

    public Task<byte[]?> GetWebAuthnUserHandle() => Task.FromResult(_passkeys.WebAuthnUserHandle);

    public Task<IReadOnlyList<PasskeyView>> ListPasskeys() => Task.FromResult(_passkeys.List());

    public Task<PasskeyView?> RenamePasskey(Guid passkeyId, string name, RequestOrigin origin) => _passkeys.RenameAsync(passkeyId, name, origin);

    public Task<PasskeyChangeOutcome> DeletePasskey(Guid passkeyId, RequestOrigin origin) => _passkeys.DeleteAsync(passkeyId, origin);

    public Task<EmailSignInChange> SetEmailSignIn(bool enabled, RequestOrigin origin) => _passkeys.SetEmailSignInAsync(enabled, origin);

    public Task<PasskeySignalIds> GetPasskeySignalIds() => Task.FromResult(_passkeys.SignalIds());

    // Recovery codes.
    public Task<IReadOnlyList<string>> IssueRecoveryCodes(RequestOrigin origin) => _recovery.IssueAsync(origin);

    public Task<RecoveryCodeStatus> GetRecoveryCodeStatus() => _recovery.StatusAsync();

    public Task<RecoveryCodeSignIn> SignInWithRecoveryCode(Guid codeId, string newSessionHash, RequestOrigin origin) =>
        _recovery.SignInAsync(codeId, newSessionHash, origin);

    // External providers.
    public Task<SignInResult> SignInWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin) =>
        _external.SignInAsync(identity, newSessionHash, origin);

    public Task<SignInResult> SignUpWithProvider(ExternalIdentityClaim identity, string newSessionHash, RequestOrigin origin) =>
        _external.SignUpAsync(identity, newSessionHash, origin);

    public Task<bool> RequestProviderLink(ExternalIdentityClaim identity, RequestOrigin origin) => _external.RequestLinkAsync(identity, origin);

    public Task<SignInResult> ConfirmProviderLink(Guid confirmationId, string newSessionHash, RequestOrigin origin) =>
        _external.ConfirmLinkAsync(confirmationId, newSessionHash, origin);

    public Task<bool> LinkProvider(ExternalIdentityClaim identity, RequestOrigin origin) => _external.LinkAsync(identity, origin);

    public Task<PasskeyChangeOutcome> UnlinkProvider(string provider, string subject, RequestOrigin origin) =>
        _external.UnlinkAsync(provider, subject, origin);

    // The account.
    public Task<EmailChangeOutcome> RequestEmailChange(EmailAddress newEmail, RequestOrigin origin) => _account.RequestEmailChangeAsync(newEmail, origin);

    public Task<EmailChangeOutcome> ConfirmEmailChange(Guid changeId, bool endOtherSessions, string? keepSessionHash, RequestOrigin origin) =>
        _account.ConfirmEmailChangeAsync(changeId, endOtherSessions, keepSessionHash, origin);

    /// <summary>When this returns, no silo accepts anything of the account: memory is empty and every key's grain has forgotten it.</summary>
    public async Task DeleteAccount(RequestOrigin origin)
    {
        foreach (var key in await _account.DeleteAsync(origin))
        {
            await GrainFactory.GetGrain<IApiKeyGrain>(key).Forget();
        }

        DeactivateOnIdle();
    }

    public Task<bool> MayUseApiKeys() => Task.FromResult(_account.MayUseApiKeys());

    public Task<AccountSnapshot> Snapshot() => Task.FromResult(_account.Snapshot());

    // Admin actions.
    public Task<IReadOnlyList<SessionView>> ListSessionsForAdmin() => ListSessions(currentSessionHash: "");

    public Task<DateTimeOffset?> GetAdminLock() => Task.FromResult(_admin.AdminLock);

    public Task<int> RevokeAllSessions(Guid adminId, int apiKeysRevoked, RequestOrigin origin) =>
        _admin.RevokeAllSessionsAsync(adminId, apiKeysRevoked, origin);

    public Task Lock(DateTimeOffset until, Guid adminId, RequestOrigin origin) => _admin.LockAsync(until, adminId, origin);

    public Task Unlock(Guid adminId, RequestOrigin origin) => _admin.UnlockAsync(adminId, origin);

    /// <summary>Given to every write (<see cref="UserScope.BeginWriteAsync"/>): runs when a write ends without committing.</summary>
    private void ReloadIfThisCallFails() => _writeAbandoned = true;
}
