using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using Microsoft.Extensions.Options;

namespace FitFolio.Grains.Users;

/// <summary>
/// The user grain. Memory is changed only after the transaction carrying the change commits, so a
/// failed write leaves the activation exactly as the database is.
/// </summary>
[GrainType("user")]
internal sealed partial class UserGrain(
    UserStore store,
    MailOutbox outbox,
    AuditLog audit,
    TimeProvider clock,
    IOptions<AuthOptions> authOptions,
    IOptions<AppOptions> appOptions,
    PasskeyRelyingParty relyingParty,
    ApiKeyStore apiKeys,
    PasskeyDirectory passkeyDirectory) : Grain, IUserGrain
{
    private readonly AuthOptions _options = authOptions.Value;
    private UserRecord _user = null!;
    private Task _lastSeenFlush = Task.CompletedTask;

    // The account's signed-in requests in the global per-account window. In memory, as every per-request
    // limit is (docs/architecture.md), and here rather than in a counter grain of its own: this activation
    // is the only one of the account in the cluster, and it is called for every signed-in request anyway.
    private readonly SlidingLog _requests = new();

    private DateTimeOffset Now => clock.GetUtcNow();

    // Fields, not the primary constructor's parameters: the other parts of this partial class cannot see those.
    private readonly UserStore _store = store;
    private readonly AuditLog _audit = audit;
    private readonly PasskeyRelyingParty _relyingParty = relyingParty;
    private readonly MailOutbox _outbox = outbox;
    private readonly ApiKeyStore _apiKeys = apiKeys;
    private readonly PasskeyDirectory _passkeyDirectory = passkeyDirectory;

    private Uri PublicOrigin => appOptions.Value.PublicOrigin!;

    /// <summary>Where account notices send the owner to review sessions and passkeys.</summary>
    private Uri SessionsPage => AccountMailTemplates.SessionsPage(PublicOrigin);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParseExact(this.GetPrimaryKeyString(), "N", out var id))
        {
            throw new UnknownUserException($"'{this.GetPrimaryKeyString()}' is not a user id.");
        }

        _user = await _store.LoadAsync(id, Now, cancellationToken) ?? throw new UnknownUserException($"No user {id}.");
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_discarded)
        {
            return;
        }

        await _lastSeenFlush;
        await FlushLastSeenAsync(force: true);
    }

    public Task<UserProfile> GetProfile() => Task.FromResult(_user.ToProfile());

    public async Task IssueMagicLink(string purpose, RequestOrigin origin)
    {
        await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
        if (!_user.EmailSignInEnabled || _user.AdminLockedUntil > Now)
        {
            // Same work, same answer to the caller: whether mail went out is visible only in the audit log.
            var reason = _user.EmailSignInEnabled ? "account_locked_by_admin" : "email_sign_in_disabled";
            await AuditLog.WriteAsync(
                write.Connection, write.Transaction, Event(AuditEventType.MagicLinkRefused, origin, ("purpose", purpose), ("reason", reason)));
            await write.CommitAsync();
            return;
        }

        var token = Secrets.NewToken();
        var code = Secrets.NewCode();
        var salt = MagicLinkStore.NewSalt();
        var lifetime = _options.MagicLinkLifetime;
        await MagicLinkStore.IssueAsync(write, _user.Id, purpose, Secrets.Digest(token), salt, Secrets.CodeDigest(salt, code), Now, Now + lifetime, origin.Ip);
        var link = new Uri(appOptions.Value.PublicOrigin!, "/auth/link#token=" + token);
        await _outbox.EnqueueAsync(
            SignInMailTemplate.Create(_user.Email, link, code, (int)Math.Ceiling(lifetime.TotalMinutes)), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.MagicLinkSent, origin, ("purpose", purpose)));
        await write.CommitAsync();
    }

    public Task<SignInResult> SignInWithLink(Guid linkId, string newSessionHash, RequestOrigin origin) =>
        RedeemLinkAsync(linkId, newSessionHash, origin, "link", AuditEventType.MagicLinkVerifiedFailure);

    public Task<SignInResult> SignInWithCode(Guid linkId, string newSessionHash, RequestOrigin origin) =>
        RedeemLinkAsync(linkId, newSessionHash, origin, "code", AuditEventType.CodeFailure);

    public Task<SessionCheck> CheckSession(string sessionHash, RateLimitRule accountLimit)
    {
        var now = Now;
        if (!_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            return Task.FromResult(SessionCheck.Invalid);
        }

        var endedBy = now >= session.ExpiresAt ? SessionCheck.Absolute
            : now - session.LastSeenAt >= IdleTimeout ? SessionCheck.Idle
            : now - session.RotatedAt >= _options.SessionMaxUnrotatedAge ? SessionCheck.Unrotated
            : null;
        if (endedBy is not null || _user.AdminLockedUntil > now)
        {
            // Ended by time (or a lock, audited when it was set): forget it here; maintenance deletes the row.
            _user.Sessions.Remove(sessionHash);
            return Task.FromResult(endedBy is null ? SessionCheck.Invalid : SessionCheck.Ended(session.Id, endedBy));
        }

        session.LastSeenAt = now;
        if (now - session.LastSeenStored >= _options.LastSeenWriteInterval && _lastSeenFlush.IsCompleted)
        {
            // Off the request path: a session check never waits for the database.
            _lastSeenFlush = FlushLastSeenAsync(force: false);
        }

        var rotationDue = now - session.RotatedAt >= _options.SessionRotationInterval;
        return Task.FromResult(new SessionCheck(
            true, _user.ToProfile(), session.Id, rotationDue, session.AuthenticatedAt, session.AuthenticatedWith, AccountLimit: CountRequest(accountLimit, now)));
    }

    public async Task<bool> RotateSession(string sessionHash, string newSessionHash, string reason, RequestOrigin origin)
    {
        if (!_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            return false;
        }

        var now = Now;
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            await RotateSecretAsync(write, session, newSessionHash, reason, origin, now);
            await write.CommitAsync();
        }

        ReplaceSecret(session, newSessionHash, now);
        return true;
    }

    public async Task Logout(string sessionHash, RequestOrigin origin)
    {
        if (_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            await RevokeAsync([session], "logout", AuditEventType.Logout, origin);
        }
    }

    public async Task EndReplacedSession(string sessionHash, RequestOrigin origin)
    {
        if (_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            await RevokeAsync([session], "replaced_by_sign_in", AuditEventType.SessionRevoked, origin);
        }
    }

    public Task<IReadOnlyList<SessionView>> ListSessions(string currentSessionHash)
    {
        var now = Now;
        IReadOnlyList<SessionView> views = [.. _user.Sessions.Values
            .Where(s => now < s.ExpiresAt && now - s.LastSeenAt < IdleTimeout)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => s.ToView(current: s.SecretHash == currentSessionHash))];
        return Task.FromResult(views);
    }

    public async Task<bool> RevokeSession(Guid sessionId, string currentSessionHash, RequestOrigin origin)
    {
        var session = _user.Sessions.Values.FirstOrDefault(s => s.Id == sessionId);
        if (session is null || session.SecretHash == currentSessionHash)
        {
            return false;
        }

        await RevokeAsync([session], "revoked_by_user", AuditEventType.SessionRevoked, origin);
        return true;
    }

    public async Task<int> RevokeOtherSessions(string currentSessionHash, RequestOrigin origin)
    {
        var others = _user.Sessions.Values.Where(s => s.SecretHash != currentSessionHash).ToList();
        if (others.Count > 0)
        {
            await RevokeAsync(others, "revoked_by_user", AuditEventType.SessionRevoked, origin);
        }

        return others.Count;
    }

    /// <summary>
    /// How long a session of this account may sit unused (ASVS 5.0 §7.3.1). An admin's is shorter
    /// (<see cref="AuthOptions.AdminSessionIdleTimeout"/>): theirs is the cookie that can lock others out.
    /// </summary>
    private TimeSpan IdleTimeout => _user.IsAdmin && _options.AdminSessionIdleTimeout < _options.SessionIdleTimeout
        ? _options.AdminSessionIdleTimeout
        : _options.SessionIdleTimeout;

    /// <summary>Counts one request if <paramref name="rule"/> allows it, as <see cref="IRateLimitGrain.Acquire"/> does.</summary>
    private RateLimitDecision CountRequest(RateLimitRule rule, DateTimeOffset now)
    {
        var decision = _requests.Evaluate(rule, now.UtcTicks);
        if (decision.Allowed)
        {
            _requests.Add(now.UtcTicks, rule.Limit);
        }

        return decision;
    }

    private bool MaySignIn(out string refusal)
    {
        refusal = _user.Deleted ? "account_deleted" : _user.AdminLockedUntil > Now ? "account_locked_by_admin" : "";
        return refusal.Length == 0;
    }

    /// <summary>
    /// Redeems a link found by its token, or by its code (<see cref="SignIn.IEmailCodeGrain"/> checked
    /// the code and counts wrong ones), and starts a session. A sign-in by code clears the address's
    /// code lockout in the same transaction.
    /// </summary>
    private async Task<SignInResult> RedeemLinkAsync(Guid linkId, string newSessionHash, RequestOrigin origin, string method, string failureType)
    {
        if (!MaySignIn(out var refusal))
        {
            await _audit.WriteAsync(Event(failureType, origin, ("reason", refusal)));
            return SignInResult.Invalid;
        }

        await using var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails);
        var purpose = await MagicLinkStore.RedeemAsync(write, linkId, _user.Id, origin.Ip, Now);
        if (purpose is null)
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(failureType, origin, ("reason", "used_or_expired")));
            await write.CommitAsync();
            return SignInResult.Invalid;
        }

        if (method == "code")
        {
            await EmailCodeStore.ClearLockoutAsync(write, _user.Email);
        }

        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, Event(AuditEventType.MagicLinkVerifiedSuccess, origin, ("purpose", purpose), ("method", method)));
        return await CompleteSignInAsync(write, newSessionHash, origin, method == "link" ? "magic_link" : "code");
    }

    private async Task<SignInResult> CompleteSignInAsync(UserWrite write, string newSessionHash, RequestOrigin origin, string method)
    {
        var now = Now;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            SecretHash = newSessionHash,
            CreatedAt = now,
            RotatedAt = now,
            ExpiresAt = now + _options.SessionLifetime,
            LastSeenAt = now,
            LastSeenStored = now,
            AuthenticatedAt = now,
            AuthenticatedWith = method,
            Ip = origin.Ip,
            UserAgent = origin.UserAgent,
        };
        var verifying = _user.EmailVerifiedAt is null;
        if (verifying)
        {
            await UserStore.MarkEmailVerifiedAsync(write, _user.Id, now);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.EmailVerified, origin));
        }

        await UserStore.InsertSessionAsync(write, _user.Id, session);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, Event(AuditEventType.SessionCreated, origin, ("session_id", session.Id), ("method", method)));
        await NoteDeviceAsync(write, session, origin);
        await write.CommitAsync();

        if (verifying)
        {
            _user.EmailVerifiedAt = now;
        }

        _user.Sessions[newSessionHash] = session;
        return new SignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
    }

    private async Task RevokeAsync(IReadOnlyList<Session> sessions, string reason, string auditType, RequestOrigin origin)
    {
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            await RevokeInAsync(write, sessions, reason, auditType, origin);
            await write.CommitAsync();
        }

        ForgetSessions(sessions);
    }

    /// <summary>Ends <paramref name="sessions"/> inside <paramref name="write"/>; the caller forgets them once it commits.</summary>
    private async Task RevokeInAsync(UserWrite write, IReadOnlyList<Session> sessions, string reason, string auditType, RequestOrigin origin)
    {
        await UserStore.RevokeSessionsAsync(write, [.. sessions.Select(s => s.Id)], reason);
        foreach (var session in sessions)
        {
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(auditType, origin, ("session_id", session.Id), ("reason", reason)));
        }
    }

    private void ForgetSessions(IEnumerable<Session> sessions)
    {
        foreach (var session in sessions)
        {
            _user.Sessions.Remove(session.SecretHash);
        }
    }

    /// <summary>Gives <paramref name="session"/> a new secret inside <paramref name="write"/>; <see cref="ReplaceSecret"/> follows the commit.</summary>
    private async Task RotateSecretAsync(UserWrite write, Session session, string newSessionHash, string reason, RequestOrigin origin, DateTimeOffset now)
    {
        await UserStore.RotateSessionAsync(write, session.Id, newSessionHash, now);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, Event(AuditEventType.SessionRotated, origin, ("session_id", session.Id), ("reason", reason)));
    }

    /// <summary>Memory after a committed rotation: the old secret no longer finds the session.</summary>
    private void ReplaceSecret(Session session, string newSessionHash, DateTimeOffset now)
    {
        _user.Sessions.Remove(session.SecretHash);
        session.SecretHash = newSessionHash;
        session.RotatedAt = now;
        _user.Sessions[newSessionHash] = session;
    }

    private async Task FlushLastSeenAsync(bool force)
    {
        var stale = _user.Sessions.Values
            .Where(s => s.LastSeenAt > s.LastSeenStored && (force || s.LastSeenAt - s.LastSeenStored >= _options.LastSeenWriteInterval))
            .Select(s => (s, s.LastSeenAt))
            .ToList();
        if (stale.Count == 0)
        {
            return;
        }

        // Marked before the write, inside the turn: the write itself may finish while later turns run.
        foreach (var (session, at) in stale)
        {
            session.LastSeenStored = at;
        }

        try
        {
            await _store.StoreLastSeenAsync([.. stale.Select(x => (x.s.Id, x.LastSeenAt))]);
        }
        catch (Npgsql.NpgsqlException)
        {
            // Last-seen is advisory; the next check tries again.
        }
    }

    private AuditEvent Event(string type, RequestOrigin origin, params (string Key, object? Value)[] details) =>
        new(type, _user.Id, origin, details.Length == 0 ? null : details.ToDictionary(d => d.Key, d => d.Value));
}
