using FitFolio.Grains.Accounts;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.ExternalIdentities;

/// <summary>
/// The <c>external_identities</c> and <c>external_sign_in_flows</c> tables. Lookups across users (which account an identity or an
/// address belongs to) go straight to SQL; linking is written by the user grain inside its own transaction.
/// </summary>
public sealed class ExternalIdentityStore(NpgsqlDataSource dataSource)
{
    /// <summary>The account the identity is linked to, or null.</summary>
    public async Task<Guid?> FindUserAsync(string provider, string subject, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select user_id from external_identities where provider = @provider and subject = @subject");
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("subject", subject);
        return await command.ExecuteScalarAsync(cancellationToken) as Guid?;
    }

    /// <summary>
    /// The account holding <paramref name="email"/>, and whether anyone ever proved they own it (a first sign-in verifies it). An account
    /// nobody proved is one someone merely asked a link for: it has no owner to protect yet.
    /// </summary>
    public async Task<(Guid Id, bool Verified)?> FindAccountAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select id, email_verified_at is not null from users where email = @email");
        command.Parameters.AddWithValue("email", email.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetGuid(0), reader.GetBoolean(1)) : null;
    }

    /// <summary>The identities linked to an account, oldest first.</summary>
    public async Task<IReadOnlyList<LinkedIdentity>> ListAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select provider, subject, email, linked_at from external_identities where user_id = @user order by linked_at, provider, subject");
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var identities = new List<LinkedIdentity>();
        while (await reader.ReadAsync(cancellationToken))
        {
            identities.Add(new LinkedIdentity(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return identities;
    }

    /// <summary>
    /// Claims a flow's id once: false when any front door claimed it before (a replayed callback). Claims older than
    /// <paramref name="lifetime"/> (the flow's own lifetime: its state is refused after that anyway) are pruned on the way.
    /// </summary>
    public async Task<bool> ClaimFlowAsync(Guid flowId, DateTimeOffset now, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        await using var batch = dataSource.CreateBatch();
        var prune = new NpgsqlBatchCommand("delete from external_sign_in_flows where used_at < @before");
        prune.Parameters.AddWithValue("before", now - lifetime);
        var claim = new NpgsqlBatchCommand("insert into external_sign_in_flows (flow_id, used_at) values (@id, @now) on conflict do nothing");
        claim.Parameters.AddWithValue("id", flowId);
        claim.Parameters.AddWithValue("now", now);
        batch.BatchCommands.Add(prune);
        batch.BatchCommands.Add(claim);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return claim.RecordsAffected == 1;
    }

    /// <summary>Links the identity to the grain's account inside its write; false when the identity is linked already (to anyone).</summary>
    internal static async Task<bool> LinkAsync(UserWrite write, Guid userId, ExternalIdentityClaim identity, bool usableWhenPasskeyOnly, DateTimeOffset now)
    {
        await using var command = write.Command(
            """
            insert into external_identities (provider, subject, user_id, email, linked_at, usable_when_passkey_only)
            values (@provider, @subject, @user, @email, @now, @passkeyOnly)
            on conflict do nothing
            """);
        command.Parameters.AddWithValue("provider", identity.Provider);
        command.Parameters.AddWithValue("subject", identity.Subject);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("email", (object?)identity.Email ?? DBNull.Value);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("passkeyOnly", usableWhenPasskeyOnly);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>The identity's link to the account, read (and held) inside the grain's write; null when it is not linked to this account.</summary>
    internal static async Task<bool?> FindLinkAsync(UserWrite write, Guid userId, string provider, string subject)
    {
        await using var command = write.Command(
            "select usable_when_passkey_only from external_identities where provider = @provider and subject = @subject and user_id = @user for share");
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync() as bool?;
    }

    /// <summary>Unlinks the identity from the grain's account inside its write; false when it is not linked to this account.</summary>
    internal static async Task<bool> UnlinkAsync(UserWrite write, Guid userId, string provider, string subject)
    {
        await using var command = write.Command("delete from external_identities where provider = @provider and subject = @subject and user_id = @user");
        command.Parameters.AddWithValue("provider", provider);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    /// <summary>
    /// Whether the account keeps a provider it may sign in with while email sign-in is off (one linked after going passkey-only), read
    /// inside the grain's write, which holds the account's row: no link or unlink of this account can interleave.
    /// </summary>
    internal static async Task<bool> HasPasskeyOnlyWayInAsync(UserWrite write, Guid userId)
    {
        await using var command = write.Command("select exists (select 1 from external_identities where user_id = @user and usable_when_passkey_only)");
        command.Parameters.AddWithValue("user", userId);
        return await command.ExecuteScalarAsync() is true;
    }
}
