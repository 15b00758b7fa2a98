using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.ExternalIdentities;

/// <summary>
/// The SQL of mailed provider-link confirmations (<c>external_link_confirmations</c>): one live link per owner, redeemed once, and the
/// identity it names comes from the row, never from the browser following it.
/// </summary>
public sealed class ExternalLinkStore(NpgsqlDataSource dataSource)
{
    private const string Table = "external_link_confirmations";

    /// <summary>The confirmation a link token names: its id, owner and whether it can still be used.</summary>
    public Task<(Guid Id, Guid UserId, bool Live)?> FindByTokenAsync(byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        SingleUseLinks.FindByTokenAsync(dataSource, Table, tokenHash, now, cancellationToken);

    /// <summary>Records a new confirmation and ends any older one: only the newest link works.</summary>
    internal static async Task IssueAsync(
        UserWrite write, Guid userId, ExternalIdentityClaim identity, byte[] tokenHash, DateTimeOffset now, DateTimeOffset expiresAt, string? ip)
    {
        await SingleUseLinks.EndLiveAsync(write, Table, userId, now);
        await using var insert = write.Command(
            """
            insert into external_link_confirmations (id, user_id, provider, subject, email, token_hash, created_at, expires_at, requested_ip)
            values (@id, @user, @provider, @subject, @email, @token, @now, @expires, @ip)
            """);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("user", userId);
        insert.Parameters.AddWithValue("provider", identity.Provider);
        insert.Parameters.AddWithValue("subject", identity.Subject);
        insert.Parameters.AddWithValue("email", (object?)identity.Email ?? DBNull.Value);
        insert.Parameters.AddWithValue("token", tokenHash);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("expires", expiresAt);
        insert.Parameters.AddInet("ip", ip);
        await insert.ExecuteNonQueryAsync();
    }

    /// <summary>Marks a live confirmation used; the identity it names when this call redeemed it, null otherwise.</summary>
    internal static async Task<ExternalIdentityClaim?> RedeemAsync(UserWrite write, Guid confirmationId, Guid userId, DateTimeOffset now)
    {
        await using var command = write.Command(
            """
            update external_link_confirmations set used_at = @now
            where id = @id and user_id = @user and used_at is null and expires_at > @now
            returning provider, subject, email
            """);
        command.Parameters.AddWithValue("id", confirmationId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync()
            ? new ExternalIdentityClaim(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), null)
            : null;
    }
}
