using System.Buffers.Text;
using System.Net;
using FitFolio.Grains.Passkeys;
using FitFolio.Grains.Sessions;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Users;

/// <summary>The SQL behind the user grain: one load on activation, then statements inside a <see cref="UserWrite"/>.</summary>
internal sealed class UserStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// A transaction for a change to <paramref name="user"/>; <paramref name="onAbandoned"/> runs if it never commits; <paramref name="keyed"/>
    /// claims the call's Idempotency-Key first.
    /// </summary>
    public Task<UserWrite> BeginWriteAsync(UserRecord user, Action onAbandoned, bool keyed = false) =>
        UserWrite.BeginAsync(dataSource, user, onAbandoned, keyed);

    public async Task<UserRecord?> LoadAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        UserRecord user;
        await using (var command = new NpgsqlCommand(
            """
            select email, email_verified_at, email_sign_in_enabled, is_admin, created_at,
                   passkey_failures, passkey_locked_until, passkey_lockouts,
                   admin_locked_until, version
            from users where id = @id
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            user = new UserRecord
            {
                Id = id,
                Email = reader.GetString(0),
                EmailVerifiedAt = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1),
                EmailSignInEnabled = reader.GetBoolean(2),
                IsAdmin = reader.GetBoolean(3),
                CreatedAt = reader.GetFieldValue<DateTimeOffset>(4),
                AdminLockedUntil = reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8),
                Version = reader.GetInt64(9),
            };
            user.PasskeyLockout.Read(reader, 5);
        }

        await using (var command = new NpgsqlCommand(
            """
            select id, secret_hash, created_at, rotated_at, expires_at, last_seen_at, host(ip), user_agent, authenticated_at, authenticated_with
            from sessions where user_id = @id and revoked_at is null and expires_at > @now
            """, connection))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("now", now);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var hash = Base64Url.EncodeToString(reader.GetFieldValue<byte[]>(1));
                var lastSeen = reader.GetFieldValue<DateTimeOffset>(5);
                user.Sessions[hash] = new Session
                {
                    Id = reader.GetGuid(0),
                    SecretHash = hash,
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(2),
                    RotatedAt = reader.GetFieldValue<DateTimeOffset>(3),
                    ExpiresAt = reader.GetFieldValue<DateTimeOffset>(4),
                    LastSeenAt = lastSeen,
                    LastSeenStored = lastSeen,
                    AuthenticatedAt = reader.GetFieldValue<DateTimeOffset>(8),
                    AuthenticatedWith = reader.GetString(9),
                    Ip = reader.IsDBNull(6) ? null : reader.GetString(6),
                    UserAgent = reader.IsDBNull(7) ? null : reader.GetString(7),
                };
            }
        }

        await PasskeyStore.LoadAsync(connection, user, cancellationToken);
        return user;
    }

    public static async Task InsertSessionAsync(UserWrite write, Guid userId, Session session)
    {
        await using var command = write.Command(
            """
            insert into sessions (id, user_id, secret_hash, created_at, last_seen_at, rotated_at, expires_at, ip, user_agent, authenticated_at, authenticated_with)
            values (@id, @user, @hash, @created, @created, @created, @expires, @ip, @agent, @created, @proof)
            """);
        command.Parameters.AddWithValue("id", session.Id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("hash", Base64Url.DecodeFromChars(session.SecretHash));
        command.Parameters.AddWithValue("created", session.CreatedAt);
        command.Parameters.AddWithValue("expires", session.ExpiresAt);
        command.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, IPAddress.TryParse(session.Ip, out var ip) ? ip : DBNull.Value);
        command.Parameters.AddWithValue("agent", NpgsqlDbType.Text, (object?)Truncate(session.UserAgent) ?? DBNull.Value);
        command.Parameters.AddWithValue("proof", session.AuthenticatedWith);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RevokeSessionsAsync(UserWrite write, IReadOnlyCollection<Guid> sessionIds, string reason)
    {
        await using var command = write.Command("update sessions set revoked_at = now(), revoke_reason = @reason where id = any(@ids) and revoked_at is null");
        command.Parameters.AddWithValue("ids", sessionIds.ToArray());
        command.Parameters.AddWithValue("reason", reason);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RotateSessionAsync(UserWrite write, Guid sessionId, string newHash, DateTimeOffset rotatedAt)
    {
        await using var command = write.Command("update sessions set secret_hash = @hash, rotated_at = @at where id = @id");
        command.Parameters.AddWithValue("id", sessionId);
        command.Parameters.AddWithValue("hash", Base64Url.DecodeFromChars(newHash));
        command.Parameters.AddWithValue("at", rotatedAt);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task MarkAuthenticatedAsync(UserWrite write, Guid sessionId, DateTimeOffset at, string proof)
    {
        await using var command = write.Command("update sessions set authenticated_at = @at, authenticated_with = @proof where id = @id");
        command.Parameters.AddWithValue("id", sessionId);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("proof", proof);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task SaveLockoutsAsync(UserWrite write, UserRecord user)
    {
        await using var command = write.Command(
            """
            update users set passkey_failures = @failures, passkey_locked_until = @until, passkey_lockouts = @lockouts
            where id = @id
            """);
        command.Parameters.AddWithValue("id", user.Id);
        user.PasskeyLockout.Bind(command.Parameters);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task MarkEmailVerifiedAsync(UserWrite write, Guid userId, DateTimeOffset at)
    {
        await using var command = write.Command("update users set email_verified_at = coalesce(email_verified_at, @at) where id = @id");
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Writes last-seen times outside any grain write: they carry no invariant, so they need no version.</summary>
    public async Task StoreLastSeenAsync(IReadOnlyList<(Guid Id, DateTimeOffset LastSeen)> sessions)
    {
        await using var batch = dataSource.CreateBatch();
        foreach (var (id, lastSeen) in sessions)
        {
            var command = new NpgsqlBatchCommand("update sessions set last_seen_at = greatest(last_seen_at, @at) where id = @id");
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("at", lastSeen);
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync();
    }

    private static string? Truncate(string? value) => value is null || value.Length <= 512 ? value : value[..512];
}
