using System.Security.Cryptography;
using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The SQL of sign-in links: issue (revoking older ones), find by token hash, redeem once. Codes are checked by <see cref="EmailCodeStore"/>.
/// </summary>
public sealed class MagicLinkStore(NpgsqlDataSource dataSource)
{
    private const string Table = "magic_links";

    /// <summary>Finds the link a token names, live or not (the caller tells expired from unknown for the audit log only).</summary>
    public Task<(Guid LinkId, Guid UserId, bool Live)?> FindByTokenAsync(
        byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SingleUseLinks.FindByTokenAsync(dataSource, Table, tokenHash, now, cancellationToken);

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
        insert.Parameters.AddInet("ip", ip);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Ends every live link (and its code) of the user: a new link replaces them, a new address strands them. Returns how many.</summary>
    internal static Task<int> VoidLiveAsync(UserWrite write, Guid userId, DateTimeOffset now) =>
        SingleUseLinks.EndLiveAsync(write, Table, userId, now);

    /// <summary>Marks a live link used; its purpose when this call redeemed it, null when it was not live.</summary>
    internal static async Task<string?> RedeemAsync(UserWrite write, Guid linkId, Guid userId, string? ip, DateTimeOffset now)
    {
        await using var command = write.Command(
            "update magic_links set used_at = @now, used_ip = @ip where id = @id and user_id = @user and used_at is null and expires_at > @now returning purpose");
        command.Parameters.AddWithValue("id", linkId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddInet("ip", ip);
        return (string?)await command.ExecuteScalarAsync();
    }

    internal static byte[] NewSalt() => RandomNumberGenerator.GetBytes(16);
}
