using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.Accounts;

/// <summary>The SQL of pending email changes: one live request per person, redeemed once by its link.</summary>
public sealed class EmailChangeStore(NpgsqlDataSource dataSource)
{
    private const string Table = "email_changes";

    /// <summary>The change a link token names: its id, owner and whether it can still be used.</summary>
    public Task<(Guid ChangeId, Guid UserId, bool Live)?> FindByTokenAsync(
        byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SingleUseLinks.FindByTokenAsync(dataSource, Table, tokenHash, now, cancellationToken);

    /// <summary>Records a new request and ends any older one: only the newest link works.</summary>
    internal static async Task IssueAsync(
        UserWrite write, Guid userId, string newEmail, byte[] tokenHash, DateTimeOffset now, DateTimeOffset expiresAt, string? ip)
    {
        await SingleUseLinks.EndLiveAsync(write, Table, userId, now);
        await using var insert = write.Command(
            """
            insert into email_changes (id, user_id, new_email, token_hash, created_at, expires_at, requested_ip)
            values (@id, @user, @email, @token, @now, @expires, @ip)
            """);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("email", newEmail);
        insert.Parameters.AddWithValue("token", tokenHash);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("expires", expiresAt);
        insert.Parameters.AddInet("ip", ip);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Marks a live request used; the new address when this call redeemed it, null otherwise.</summary>
    internal static async Task<string?> RedeemAsync(UserWrite write, Guid changeId, Guid userId, DateTimeOffset now)
    {
        await using var command = write.Command(
            "update email_changes set used_at = @now where id = @id and user_id = @user and used_at is null and expires_at > @now returning new_email");
        command.Parameters.AddWithValue("id", changeId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("now", now);
        return (string?)await command.ExecuteScalarAsync();
    }
}
