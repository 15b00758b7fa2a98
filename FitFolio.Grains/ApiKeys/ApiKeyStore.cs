using System.Net;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Idempotency;
using FitFolio.Grains.Mail;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.ApiKeys;

/// <summary>The SQL of API keys. Only the SHA-256 of a key's secret is ever stored.</summary>
public sealed class ApiKeyStore(NpgsqlDataSource dataSource, MailOutbox outbox, IOptions<AppOptions> app)
{
    /// <summary>
    /// Creates a key with its audit event and the owner's notice in one transaction; null when the
    /// person already holds <paramref name="maxLiveKeys"/> live keys. The users row is locked so two
    /// concurrent creates cannot both slip under the limit (and its address is the one mailed).
    /// </summary>
    public async Task<(ApiKeyView View, ApiKeyToken Token)?> CreateAsync(
        Guid userId,
        string name,
        IReadOnlyList<string> scopes,
        DateTimeOffset now,
        DateTimeOffset? expiresAt,
        int maxLiveKeys,
        RequestOrigin origin,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string email;
        await using (var count = new NpgsqlCommand(
            """
            select email, (select count(*) from api_keys where user_id = @user and revoked_at is null and (expires_at is null or expires_at > @now))
            from users where id = @user for update
            """, connection, transaction))
        {
            count.Parameters.AddWithValue("user", userId);
            count.Parameters.AddWithValue("now", now);
            await using var reader = await count.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken) || reader.GetInt64(1) >= maxLiveKeys)
            {
                // No users row: the account was deleted while this request ran; nothing to create.
                return null;
            }

            email = reader.GetString(0);
        }

        var token = ApiKeyToken.Create();
        var id = Guid.CreateVersion7();
        await using (var insert = new NpgsqlCommand(
            """
            insert into api_keys (id, user_id, public_id, secret_hash, name, scopes, created_at, expires_at)
            values (@id, @user, @public, @hash, @name, @scopes, @now, @expires)
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("user", userId);
            insert.Parameters.AddWithValue("public", token.PublicId);
            insert.Parameters.AddWithValue("hash", token.SecretHash);
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("scopes", scopes.ToArray());
            insert.Parameters.AddWithValue("now", now);
            insert.Parameters.AddWithValue("expires", NpgsqlDbType.TimestampTz, (object?)expiresAt ?? DBNull.Value);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await AuditLog.WriteAsync(connection, transaction, new AuditEvent(AuditEventType.ApiKeyCreated, userId, origin, new Dictionary<string, object?>
        {
            ["key_id"] = id,
            ["prefix"] = token.Prefix,
            ["scopes"] = string.Join(' ', scopes),
            ["expires_at"] = expiresAt,
        }), cancellationToken);
        // A key outlives the session that made it: the owner hears of every one, whoever made it.
        var sessionsPage = AccountMailTemplates.SessionsPage(app.Value.PublicOrigin!);
        await outbox.EnqueueAsync(
            AccountMailTemplates.ApiKeyCreated(email, name, scopes, origin.Ip, now, sessionsPage), connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (new ApiKeyView(id, name, token.Prefix, scopes, now, expiresAt, null), token);
    }

    /// <summary>The person's keys that are not revoked, newest first (expired ones too, so they can be seen and removed).</summary>
    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select id, name, public_id, scopes, created_at, expires_at, last_used_at from api_keys where user_id = @user and revoked_at is null order by created_at desc, id desc");
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyView>();
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(new ApiKeyView(
                reader.GetGuid(0),
                reader.GetString(1),
                ApiKeyToken.Scheme + reader.GetString(2),
                reader.GetFieldValue<string[]>(3),
                reader.GetFieldValue<DateTimeOffset>(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return keys;
    }

    /// <summary>The public id of the person's live key <paramref name="keyId"/>: the key grain's name.</summary>
    public async Task<string?> FindPublicIdAsync(Guid userId, Guid keyId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select public_id from api_keys where id = @id and user_id = @user and revoked_at is null");
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("user", userId);
        return (string?)await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>
    /// Public ids of every key the person holds, so each key's grain can be told the account is gone; with
    /// <paramref name="unrevokedOnly"/>, of those not revoked (expired ones too): what an admin's "revoke their keys" ends.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListPublicIdsAsync(Guid userId, bool unrevokedOnly = false, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select public_id from api_keys where user_id = @user and (not @unrevoked or revoked_at is null)");
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("unrevoked", unrevokedOnly);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    internal async Task<StoredApiKey?> LoadAsync(string publicId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select id, user_id, secret_hash, scopes, expires_at, revoked_at, last_used_at, use_audited_at from api_keys where public_id = @public");
        command.Parameters.AddWithValue("public", publicId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredApiKey(
            reader.GetGuid(0),
            reader.GetGuid(1),
            reader.GetFieldValue<byte[]>(2),
            reader.GetFieldValue<string[]>(3),
            reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4),
            reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7));
    }

    /// <summary>
    /// Revokes the key with its audit event in one transaction; false when it was already revoked or is gone.
    /// <paramref name="byAdmin"/> names the admin who revoked it, when one did, in the audit row. Sent with an
    /// Idempotency-Key, the key is claimed first and the 204 stored with the revocation.
    /// </summary>
    internal async Task<bool> RevokeAsync(
        Guid keyId, Guid userId, string reason, RequestOrigin origin, Guid? byAdmin = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await IdempotencyStore.ClaimAsync(connection, transaction, cancellationToken))
        {
            throw new IdempotencyKeyInFlightException();
        }

        await using (var command = new NpgsqlCommand("update api_keys set revoked_at = now() where id = @id and revoked_at is null", connection, transaction))
        {
            command.Parameters.AddWithValue("id", keyId);
            if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
            {
                return false;
            }
        }

        var details = new Dictionary<string, object?> { ["key_id"] = keyId, ["reason"] = reason };
        if (byAdmin is { } admin)
        {
            details["by_admin"] = admin;
        }

        await AuditLog.WriteAsync(connection, transaction, new AuditEvent(AuditEventType.ApiKeyRevoked, userId, origin, details), cancellationToken);
        await IdempotencyStore.RecordAsync(connection, transaction, KeyedAnswer.NoContent.Status, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes the sampled <c>api_key_used</c> audit row, unless a sample was already taken within
    /// <paramref name="interval"/> of <paramref name="at"/>: the column is claimed and the row written in one
    /// transaction, so two activations of the key (possible for a moment while membership changes) cannot both write one.
    /// </summary>
    internal async Task RecordUseAsync(StoredApiKey key, DateTimeOffset at, TimeSpan interval, RequestOrigin origin)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var claim = new NpgsqlCommand(
            "update api_keys set use_audited_at = @at where id = @id and (use_audited_at is null or use_audited_at <= @since)", connection, transaction))
        {
            claim.Parameters.AddWithValue("id", key.Id);
            claim.Parameters.AddWithValue("at", at);
            claim.Parameters.AddWithValue("since", at - interval);
            if (await claim.ExecuteNonQueryAsync() != 1)
            {
                return;
            }
        }

        await AuditLog.WriteAsync(
            connection, transaction, new AuditEvent(AuditEventType.ApiKeyUsed, key.UserId, origin, new Dictionary<string, object?> { ["key_id"] = key.Id }));
        await transaction.CommitAsync();
    }

    internal async Task StoreLastUsedAsync(Guid keyId, DateTimeOffset at, string? ip)
    {
        await using var command = dataSource.CreateCommand("update api_keys set last_used_at = @at, last_used_ip = @ip where id = @id");
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, IPAddress.TryParse(ip, out var address) ? address : DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }
}
