using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.Common;

/// <summary>
/// The statements the tables of emailed single-use links share (<c>magic_links</c>, <c>email_changes</c>):
/// each row has a token hash, an owner, an expiry and a use, and only a person's newest live row works.
/// The table name is always one of those constants, never input.
/// </summary>
internal static class SingleUseLinks
{
    /// <summary>The row a token names, live or not: its id, its owner and whether it can still be used.</summary>
    public static async Task<(Guid Id, Guid UserId, bool Live)?> FindByTokenAsync(
        NpgsqlDataSource dataSource, string table, byte[] tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select id, user_id, used_at is null and expires_at > @now from {table} where token_hash = @hash");
        command.Parameters.AddWithValue("hash", tokenHash);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetGuid(1), reader.GetBoolean(2)) : null;
    }

    /// <summary>Ends every live row of the person at <paramref name="now"/>, the grain's clock every reader compares against. Returns how many.</summary>
    public static async Task<int> EndLiveAsync(UserWrite write, string table, Guid userId, DateTimeOffset now)
    {
        await using var revoke = write.Command(
            $"update {table} set expires_at = least(expires_at, @now) where user_id = @user and used_at is null and expires_at > @now");
        revoke.Parameters.AddWithValue("user", userId);
        revoke.Parameters.AddWithValue("now", now);
        return await revoke.ExecuteNonQueryAsync();
    }
}
