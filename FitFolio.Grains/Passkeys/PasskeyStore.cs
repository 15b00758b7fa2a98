using Fido2NetLib.Objects;
using FitFolio.Grains.Users;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Passkeys;

/// <summary>The SQL behind a user's passkeys: read on activation, written inside a <see cref="UserWrite"/>.</summary>
internal static class PasskeyStore
{
    public static async Task LoadAsync(NpgsqlConnection connection, UserRecord user, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("select webauthn_user_handle from users where id = @id", connection))
        {
            command.Parameters.AddWithValue("id", user.Id);
            user.WebAuthnUserHandle = await command.ExecuteScalarAsync(cancellationToken) as byte[];
        }

        await using (var command = new NpgsqlCommand(
            """
            select id, credential_id, public_key_cose, algorithm, sign_count, transports, backup_eligible,
                   backed_up, aaguid, attestation_format, created_at, last_used_at, name
            from passkeys where user_id = @id order by created_at, id
            """, connection))
        {
            command.Parameters.AddWithValue("id", user.Id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                user.Passkeys.Add(new PasskeyRecord
                {
                    Id = reader.GetGuid(0),
                    CredentialId = reader.GetFieldValue<byte[]>(1),
                    PublicKeyCose = reader.GetFieldValue<byte[]>(2),
                    Algorithm = (COSE.Algorithm)reader.GetInt32(3),
                    SignCount = checked((uint)reader.GetInt64(4)),
                    Transports = reader.GetFieldValue<string[]>(5),
                    BackupEligible = reader.GetBoolean(6),
                    BackedUp = reader.GetBoolean(7),
                    Aaguid = reader.GetGuid(8),
                    AttestationFormat = reader.GetString(9),
                    CreatedAt = reader.GetFieldValue<DateTimeOffset>(10),
                    LastUsedAt = reader.IsDBNull(11) ? null : reader.GetFieldValue<DateTimeOffset>(11),
                    Name = reader.GetString(12),
                });
            }
        }
    }

    public static async Task SetUserHandleAsync(UserWrite write, Guid userId, byte[] userHandle)
    {
        await using var command = write.Command("update users set webauthn_user_handle = @handle where id = @id and webauthn_user_handle is null");
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("handle", userHandle);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task InsertAsync(UserWrite write, Guid userId, PasskeyRecord passkey)
    {
        await using var command = write.Command(
            """
            insert into passkeys (id, user_id, credential_id, public_key_cose, algorithm, sign_count, transports,
                                  backup_eligible, backed_up, aaguid, attestation_format, created_at, name)
            values (@id, @user, @credential, @key, @algorithm, @count, @transports, @be, @bs, @aaguid, @format, @created, @name)
            """);
        command.Parameters.AddWithValue("id", passkey.Id);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("credential", passkey.CredentialId);
        command.Parameters.AddWithValue("key", passkey.PublicKeyCose);
        command.Parameters.AddWithValue("algorithm", (int)passkey.Algorithm);
        command.Parameters.AddWithValue("count", (long)passkey.SignCount);
        command.Parameters.AddWithValue("transports", NpgsqlDbType.Array | NpgsqlDbType.Text, passkey.Transports);
        command.Parameters.AddWithValue("be", passkey.BackupEligible);
        command.Parameters.AddWithValue("bs", passkey.BackedUp);
        command.Parameters.AddWithValue("aaguid", passkey.Aaguid);
        command.Parameters.AddWithValue("format", passkey.AttestationFormat);
        command.Parameters.AddWithValue("created", passkey.CreatedAt);
        command.Parameters.AddWithValue("name", passkey.Name);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>§7.2 steps 22 and 25: the new counter and backup state, and when the passkey was last used.</summary>
    public static async Task RecordUseAsync(UserWrite write, Guid passkeyId, uint signCount, bool backedUp, DateTimeOffset at)
    {
        await using var command = write.Command("update passkeys set sign_count = @count, backed_up = @bs, last_used_at = @at where id = @id");
        command.Parameters.AddWithValue("id", passkeyId);
        command.Parameters.AddWithValue("count", (long)signCount);
        command.Parameters.AddWithValue("bs", backedUp);
        command.Parameters.AddWithValue("at", at);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task RenameAsync(UserWrite write, Guid passkeyId, string name)
    {
        await using var command = write.Command("update passkeys set name = @name where id = @id");
        command.Parameters.AddWithValue("id", passkeyId);
        command.Parameters.AddWithValue("name", name);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task DeleteAsync(UserWrite write, Guid passkeyId)
    {
        await using var command = write.Command("delete from passkeys where id = @id");
        command.Parameters.AddWithValue("id", passkeyId);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task SetEmailSignInAsync(UserWrite write, Guid userId, bool enabled)
    {
        await using var command = write.Command("update users set email_sign_in_enabled = @enabled where id = @id");
        command.Parameters.AddWithValue("id", userId);
        command.Parameters.AddWithValue("enabled", enabled);
        await command.ExecuteNonQueryAsync();
        if (!enabled)
        {
            // Links and codes mailed before the switch was turned off must not outlive it.
            await using var expire = write.Command("update magic_links set expires_at = least(expires_at, now()) where user_id = @id and used_at is null");
            expire.Parameters.AddWithValue("id", userId);
            await expire.ExecuteNonQueryAsync();
        }
    }
}
