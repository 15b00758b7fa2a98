using System.Net;
using System.Security.Cryptography;
using FitFolio.Grains.Users;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The SQL of sign-in links: issue (revoking older ones), find by token hash, redeem once. Codes are checked by <see cref="EmailCodeStore"/>.
/// </summary>
public sealed class MagicLinkStore(NpgsqlDataSource dataSource)
{
    /// <summary>Finds the link a token names, live or not (the caller tells expired from unknown for the audit log only).</summary>
    public async Task<(Guid LinkId, Guid UserId, bool Live)?> FindByTokenAsync(
        byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select id, user_id, used_at is null and expires_at > @now from magic_links where token_hash = @hash");
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>Inserts a new link and ends every older live link of the user: only the newest link and code work.</summary>
    internal static async Task IssueAsync(
        UserWrite write,
        Guid userId,
        string purpose,
        byte[] tokenHash,
        byte[] codeSalt,
        byte[] codeHash,
        DateTimeOffset now,
        DateTimeOffset expiresAt,
        string? ip)
    {
        await VoidLiveAsync(write, userId, now);
        await using var insert = write.Command(
            """
            insert into magic_links (id, user_id, purpose, token_hash, code_salt, code_hash, expires_at, requested_ip)
            values (@id, @user, @purpose, @token, @salt, @code, @expires, @ip)
            """);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("purpose", purpose);
        insert.Parameters.AddWithValue("token", tokenHash);
        insert.Parameters.AddWithValue("salt", codeSalt);
        insert.Parameters.AddWithValue("code", codeHash);
        insert.Parameters.AddWithValue("expires", expiresAt);
        insert.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, IPAddress.TryParse(ip, out var address) ? address : DBNull.Value);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every live link (and its code) of the user: a new link replaces them, a new address strands them. Returns how many.</summary>
    /// <remarks>Ends them at the grain's clock, the one every reader of a link compares against.</remarks>
    internal static async Task<int> VoidLiveAsync(UserWrite write, Guid userId, DateTimeOffset now)
    {
        await using var revoke = write.Command(
            "update magic_links set expires_at = least(expires_at, @now) where user_id = @user and used_at is null and expires_at > @now");
        revoke.Parameters.AddWithValue("user", userId);
        revoke.Parameters.AddWithValue("now", now);
        return await revoke.ExecuteNonQueryAsync();
    }

    /// <summary>Marks a live link used; its purpose when this call redeemed it, null when it was not live.</summary>
    internal static async Task<string?> RedeemAsync(UserWrite write, Guid linkId, Guid userId, string? ip, DateTimeOffset now)
    {
        await using var command = write.Command(
            "update magic_links set used_at = @now, used_ip = @ip where id = @id and user_id = @user and used_at is null and expires_at > @now returning purpose");
        command.Parameters.AddWithValue("id", linkId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("ip", NpgsqlDbType.Inet, IPAddress.TryParse(ip, out var address) ? address : DBNull.Value);
        return (string?)await command.ExecuteScalarAsync();
    }

    internal static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);
}
