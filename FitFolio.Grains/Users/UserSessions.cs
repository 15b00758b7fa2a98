using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Mail;
using FitFolio.Grains.RateLimiting;
using FitFolio.Grains.Sessions;

namespace FitFolio.Grains.Users;

/// <summary>
/// The person's sessions: the check every signed-in request makes (answered from memory, with the account's
/// global request count), starting, rotating and ending sessions, and last-seen times written behind.
/// </summary>
internal sealed class UserSessions(UserScope scope, UserStore store)
{
    private readonly UserRecord _user = scope.User;
    private Task _lastSeenFlush = Task.CompletedTask;

    // The account's signed-in requests in the global per-account window. In memory, as every per-request
    // limit is (docs/architecture.md), and here rather than in a counter grain of its own: this activation
    // is the only one of the account in the cluster, and it is called for every signed-in request anyway.
    private readonly SlidingLog _requests = new();

    private AuthOptions Options => scope.Options;

    /// <summary>
    /// How long a session of this account may sit unused (ASVS 5.0 §7.3.1). An admin's is shorter
    /// (<see cref="AuthOptions.AdminSessionIdleTimeout"/>): theirs is the cookie that can lock others out.
    /// </summary>
    private TimeSpan IdleTimeout => _user.IsAdmin && Options.AdminSessionIdleTimeout < Options.SessionIdleTimeout
        ? Options.AdminSessionIdleTimeout
        : Options.SessionIdleTimeout;

    public bool TryGet(string sessionHash, out Session session) => _user.Sessions.TryGetValue(sessionHash, out session!);

    public SessionCheck Check(string sessionHash, RateLimitRule accountLimit)
    {
        var now = scope.Now;
        if (!_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            return SessionCheck.Invalid;
        }

        var endedBy = now >= session.ExpiresAt ? SessionCheck.Absolute
            : now - session.LastSeenAt >= IdleTimeout ? SessionCheck.Idle
            : now - session.RotatedAt >= Options.SessionMaxUnrotatedAge ? SessionCheck.Unrotated
            : null;
        if (endedBy is not null || _user.AdminLockedUntil > now)
        {
            // Ended by time (or a lock, audited when it was set): forget it here; maintenance deletes the row.
            _user.Sessions.Remove(sessionHash);
            return endedBy is null ? SessionCheck.Invalid : SessionCheck.Ended(session.Id, endedBy);
        }

        session.LastSeenAt = now;
        if (now - session.LastSeenStored >= Options.LastSeenWriteInterval && _lastSeenFlush.IsCompleted)
        {
            // Off the request path: a session check never waits for the database.
            _lastSeenFlush = FlushLastSeenAsync(force: false);
        }

        var rotationDue = now - session.RotatedAt >= Options.SessionRotationInterval;
        var counted = _requests.Acquire(accountLimit, now.UtcTicks);
        return new SessionCheck(true, _user.ToProfile(), session.Id, rotationDue, session.AuthenticatedAt, session.AuthenticatedWith, AccountLimit: counted);
    }

    public async Task<bool> RotateAsync(string sessionHash, string newSessionHash, string reason, RequestOrigin origin)
    {
        if (!_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            return false;
        }

        var now = scope.Now;
        await using (var write = await scope.BeginWriteAsync())
        {
            await RotateSecretAsync(write, session, newSessionHash, reason, origin, now);
            await write.CommitAsync();
        }

        ReplaceSecret(session, newSessionHash, now);
        return true;
    }

    /// <summary>Ends the session <paramref name="sessionHash"/> if it is live (a sign-out, or a sign-in replacing it).</summary>
    public async Task EndAsync(string sessionHash, string reason, string auditType, RequestOrigin origin)
    {
        if (_user.Sessions.TryGetValue(sessionHash, out var session))
        {
            await RevokeAsync([session], reason, auditType, origin);
        }
    }

    public IReadOnlyList<SessionView> List(string currentSessionHash)
    {
        var now = scope.Now;
        return [.. _user.Sessions.Values
            .Where(s => now < s.ExpiresAt && now - s.LastSeenAt < IdleTimeout)
            .OrderByDescending(s => s.LastSeenAt)
            .Select(s => s.ToView(current: s.SecretHash == currentSessionHash))];
    }

    public async Task<bool> RevokeOneAsync(Guid sessionId, string currentSessionHash, RequestOrigin origin)
    {
        var session = _user.Sessions.Values.FirstOrDefault(s => s.Id == sessionId);
        if (session is null || session.SecretHash == currentSessionHash)
        {
            return false;
        }

        await RevokeAsync([session], "revoked_by_user", AuditEventType.SessionRevoked, origin, KeyedAnswer.NoContent);
        return true;
    }

    public async Task<int> RevokeOthersAsync(string currentSessionHash, RequestOrigin origin)
    {
        var others = _user.Sessions.Values.Where(s => s.SecretHash != currentSessionHash).ToList();
        if (others.Count > 0)
        {
            await RevokeAsync(others, "revoked_by_user", AuditEventType.SessionRevoked, origin, KeyedAnswer.Ok(new RevokedResponse(others.Count)));
        }

        return others.Count;
    }

    /// <summary>
    /// Starts a session proved by <paramref name="method"/> inside <paramref name="write"/> (verifying the address
    /// on its first sign-in, noting the device) and commits it; memory follows the commit. <paramref name="provenAt"/> is when the person
    /// last proved who they are, when that is not now (a provider's <c>auth_time</c>): the recent-sign-in rule reads it.
    /// </summary>
    public async Task<SignInResult> StartAsync(UserWrite write, string newSessionHash, RequestOrigin origin, string method, DateTimeOffset? provenAt = null)
    {
        var now = scope.Now;
        var session = new Session
        {
            Id = Guid.CreateVersion7(),
            SecretHash = newSessionHash,
            CreatedAt = now,
            RotatedAt = now,
            ExpiresAt = now + Options.SessionLifetime,
            LastSeenAt = now,
            LastSeenStored = now,
            AuthenticatedAt = provenAt is { } at && at < now ? at : now,
            AuthenticatedWith = method,
            Ip = origin.Ip,
            UserAgent = origin.UserAgent,
        };
        var verifying = _user.EmailVerifiedAt is null;
        if (verifying)
        {
            await UserStore.MarkEmailVerifiedAsync(write, _user.Id, now);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.EmailVerified, origin));
        }

        await UserStore.InsertSessionAsync(write, _user.Id, session);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, scope.Event(AuditEventType.SessionCreated, origin, ("session_id", session.Id), ("method", method)));
        await NoteDeviceAsync(write, session, origin);
        await write.CommitAsync();

        if (verifying)
        {
            _user.EmailVerifiedAt = now;
        }

        _user.Sessions[newSessionHash] = session;
        return new SignInResult(SignInOutcome.SignedIn, _user.ToProfile(), session.Id);
    }

    /// <summary>Ends <paramref name="sessions"/> inside <paramref name="write"/>; the caller forgets them once it commits.</summary>
    public async Task RevokeInAsync(
        UserWrite write, IReadOnlyList<Session> sessions, string reason, string auditType, RequestOrigin origin, params (string Key, object? Value)[] details)
    {
        await UserStore.RevokeSessionsAsync(write, [.. sessions.Select(s => s.Id)], reason);
        foreach (var session in sessions)
        {
            await AuditLog.WriteAsync(
                write.Connection, write.Transaction, scope.Event(auditType, origin, [("session_id", session.Id), ("reason", reason), .. details]));
        }
    }

    public void Forget(IEnumerable<Session> sessions)
    {
        foreach (var session in sessions)
        {
            _user.Sessions.Remove(session.SecretHash);
        }
    }

    /// <summary>Gives <paramref name="session"/> a new secret inside <paramref name="write"/>; <see cref="ReplaceSecret"/> follows the commit.</summary>
    public async Task RotateSecretAsync(UserWrite write, Session session, string newSessionHash, string reason, RequestOrigin origin, DateTimeOffset now)
    {
        await UserStore.RotateSessionAsync(write, session.Id, newSessionHash, now);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, scope.Event(AuditEventType.SessionRotated, origin, ("session_id", session.Id), ("reason", reason)));
    }

    /// <summary>Memory after a committed rotation: the old secret no longer finds the session.</summary>
    public void ReplaceSecret(Session session, string newSessionHash, DateTimeOffset now)
    {
        _user.Sessions.Remove(session.SecretHash);
        session.SecretHash = newSessionHash;
        session.RotatedAt = now;
        _user.Sessions[newSessionHash] = session;
    }

    /// <summary>Writes the last-seen times memory holds ahead of the database: those due, or all of them when the activation ends.</summary>
    public async Task FlushLastSeenAsync(bool force)
    {
        if (force)
        {
            await _lastSeenFlush;
        }

        var stale = _user.Sessions.Values
            .Where(s => s.LastSeenAt > s.LastSeenStored && (force || s.LastSeenAt - s.LastSeenStored >= Options.LastSeenWriteInterval))
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
            await store.StoreLastSeenAsync([.. stale.Select(x => (x.s.Id, x.LastSeenAt))]);
        }
        catch (Npgsql.NpgsqlException)
        {
            // Last-seen is advisory; the next check tries again.
        }
    }

    /// <summary>Ends <paramref name="sessions"/>; with <paramref name="keyed"/>, a route's write that honours Idempotency-Key and answers that.</summary>
    private async Task RevokeAsync(IReadOnlyList<Session> sessions, string reason, string auditType, RequestOrigin origin, KeyedAnswer? keyed = null)
    {
        await using (var write = keyed is null ? await scope.BeginWriteAsync() : await scope.BeginKeyedWriteAsync())
        {
            await RevokeInAsync(write, sessions, reason, auditType, origin);
            await (keyed is null ? write.CommitAsync() : write.CommitAsync(keyed));
        }

        Forget(sessions);
    }

    /// <summary>Records the device of a sign-in; mails the alert when an account with other devices meets a new one.</summary>
    private async Task NoteDeviceAsync(UserWrite write, Session session, RequestOrigin origin)
    {
        if (origin.DeviceHash is not { } device || !await KnownDevices.RecordAsync(write, _user.Id, device, session.CreatedAt))
        {
            return;
        }

        var description = DeviceNames.Describe(origin.UserAgent);
        await scope.Outbox.EnqueueAsync(
            AccountMailTemplates.NewDevice(_user.Email, description, origin.Ip, session.CreatedAt, scope.SessionsPage), write.Connection, write.Transaction);
        await AuditLog.WriteAsync(
            write.Connection, write.Transaction, scope.Event(AuditEventType.NewDeviceSignIn, origin, ("session_id", session.Id), ("device", description)));
    }
}
