using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using NpgsqlTypes;

namespace FitFolio.Grains.Users;

/// <summary>Admin actions on the user grain. Memory changes only after the commit.</summary>
internal sealed partial class UserGrain
{
    public Task<IReadOnlyList<SessionView>> ListSessionsForAdmin() => ListSessions(currentSessionHash: "");

    public Task<DateTimeOffset?> GetAdminLock() => Task.FromResult(_user.AdminLockedUntil > Now ? _user.AdminLockedUntil : null);

    public async Task<int> RevokeAllSessions(Guid adminId, RequestOrigin origin)
    {
        var sessions = _user.Sessions.Values.ToList();
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            await EndSessionsAsync(write, sessions, adminId, origin);
            await write.CommitAsync();
        }

        ForgetSessions(sessions);
        return sessions.Count;
    }

    public async Task Lock(DateTimeOffset until, Guid adminId, RequestOrigin origin)
    {
        var sessions = _user.Sessions.Values.ToList();
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            await SetAdminLockAsync(write, until);
            await EndSessionsAsync(write, sessions, adminId, origin);
            await AuditLog.WriteAsync(
                write.Connection, write.Transaction, Event(AuditEventType.AccountLocked, origin, ("path", "all"), ("by_admin", adminId), ("until", until)));
            await write.CommitAsync();
        }

        _user.AdminLockedUntil = until;
        ForgetSessions(sessions);
    }

    public async Task Unlock(Guid adminId, RequestOrigin origin)
    {
        await using (var write = await _store.BeginWriteAsync(_user, ReloadIfThisCallFails))
        {
            await SetAdminLockAsync(write, null);
            await EmailCodeStore.ClearLockoutAsync(write, _user.Email);
            await Recovery.RecoveryCodeStore.ClearLockoutAsync(write, _user.Email);
            _user.PasskeyLockout.RecordSuccess();
            await UserStore.SaveLockoutsAsync(write, _user);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, Event(AuditEventType.AccountUnlocked, origin, ("by_admin", adminId)));
            await write.CommitAsync();
        }

        _user.AdminLockedUntil = null;
    }

    private async Task EndSessionsAsync(UserWrite write, IReadOnlyList<Session> sessions, Guid adminId, RequestOrigin origin)
    {
        if (sessions.Count == 0)
        {
            return;
        }

        await UserStore.RevokeSessionsAsync(write, [.. sessions.Select(s => s.Id)], "revoked_by_admin");
        foreach (var session in sessions)
        {
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                Event(AuditEventType.SessionRevoked, origin, ("session_id", session.Id), ("reason", "revoked_by_admin"), ("by_admin", adminId)));
        }
    }

    private async Task SetAdminLockAsync(UserWrite write, DateTimeOffset? until)
    {
        await using var command = write.Command("update users set admin_locked_until = @until where id = @id");
        command.Parameters.AddWithValue("id", _user.Id);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)until ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
