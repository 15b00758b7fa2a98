using FitFolio.Grains.Accounts;
using Npgsql;

namespace FitFolio.Grains.Passkeys;

/// <summary>Lookups across users for passkey sign-in; queries across users go to SQL, not through grains.</summary>
public sealed class PasskeyDirectory(NpgsqlDataSource dataSource)
{
    /// <summary>The owner of a credential id (unique across users), or null.</summary>
    public async Task<Guid?> FindOwnerAsync(byte[] credentialId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("select user_id from passkeys where credential_id = @id");
        command.Parameters.AddWithValue("id", credentialId);
        return await command.ExecuteScalarAsync(cancellationToken) is Guid id ? id : null;
    }

    /// <summary>
    /// The user handle of the account with this address, when it has passkeys; null otherwise. One
    /// statement for every case, so the answer's timing does not say whether the account exists.
    /// </summary>
    public async Task<byte[]?> FindUserHandleAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "select u.webauthn_user_handle from users u where u.email = @email and exists (select 1 from passkeys p where p.user_id = u.id)");
        command.Parameters.AddWithValue("email", email.Value);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }
}
