using FitFolio.Grains.Admin;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Recovery;
using FitFolio.Grains.Sessions;
using FitFolio.Grains.SignIn;
using NpgsqlTypes;

namespace FitFolio.Grains.Users;

/// <summary>
/// What an admin may do to one account, each audited with the admin as actor. A lock, the sessions it ends
/// and the lockouts an unlock lifts are one transaction, decided in this grain's turn: no check or sign-in
/// of the same account can run between them. Memory changes only after the commit.
/// </summary>
internal sealed class UserAdmin(UserScope scope, UserSessions sessions, UserLockout lockout)
{
    private readonly UserRecord _user = scope.User;

    public DateTimeOffset? AdminLock => _user.AdminLockedUntil > scope.Now ? _user.AdminLockedUntil : null;

    /// <summary>
    /// Sent with an Idempotency-Key, the answer (the sessions ended here, the API keys the request ended before) commits
    /// with the sessions' end; the keys' own revocations committed before, each idempotent, so a retry of a run that died
    /// between ends only what is still live.
    /// </summary>
    public async Task<int> RevokeAllSessionsAsync(Guid adminId, int apiKeysRevoked, RequestOrigin origin)
    {
        var ended = _user.Sessions.Values.ToList();
        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            await EndSessionsAsync(write, ended, adminId, origin);
            await write.CommitAsync(KeyedAnswer.Ok(new AdminRevokedResponse(ended.Count, apiKeysRevoked)));
        }

        sessions.Forget(ended);
        return ended.Count;
    }

    public async Task LockAsync(DateTimeOffset until, Guid adminId, RequestOrigin origin)
    {
        var ended = _user.Sessions.Values.ToList();
        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            await SetAdminLockAsync(write, until);
            await EndSessionsAsync(write, ended, adminId, origin);
            await AuditLog.WriteAsync(
                write.Connection,
                write.Transaction,
                scope.Event(AuditEventType.AccountLocked, origin, ("path", "all"), ("by_admin", adminId), ("until", until)));
            await write.CommitAsync(KeyedAnswer.NoContent);
        }

        _user.AdminLockedUntil = until;
        sessions.Forget(ended);
    }

    public async Task UnlockAsync(Guid adminId, RequestOrigin origin)
    {
        await using (var write = await scope.BeginKeyedWriteAsync())
        {
            await SetAdminLockAsync(write, null);
            await EmailCodeStore.ClearLockoutAsync(write, _user.Email);
            await RecoveryCodeStore.ClearLockoutAsync(write, _user.Email);
            await lockout.ClearAsync(write);
            await AuditLog.WriteAsync(write.Connection, write.Transaction, scope.Event(AuditEventType.AccountUnlocked, origin, ("by_admin", adminId)));
            await write.CommitAsync(KeyedAnswer.NoContent);
        }

        _user.AdminLockedUntil = null;
    }

    private Task EndSessionsAsync(UserWrite write, IReadOnlyList<Session> ended, Guid adminId, RequestOrigin origin) =>
        ended.Count == 0
            ? Task.CompletedTask
            : sessions.RevokeInAsync(write, ended, "revoked_by_admin", AuditEventType.SessionRevoked, origin, ("by_admin", adminId));

    private async Task SetAdminLockAsync(UserWrite write, DateTimeOffset? until)
    {
        await using var command = write.Command("update users set admin_locked_until = @until where id = @id");
        command.Parameters.AddWithValue("id", _user.Id);
        command.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)until ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
