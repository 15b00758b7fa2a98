using Fido2NetLib.Objects;
using FitFolio.Grains.Users;
using Npgsql;

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

    public static Task SetUserHandleAsync(UserWrite write, Guid userId, byte[] userHandle) =>
        ExecuteAsync(
            write, "update users set webauthn_user_handle = @handle where id = @id and webauthn_user_handle is null", ("id", userId), ("handle", userHandle));

    public static Task InsertAsync(UserWrite write, Guid userId, PasskeyRecord passkey) => ExecuteAsync(
        write,
        """
        insert into passkeys (id, user_id, credential_id, public_key_cose, algorithm, sign_count, transports,
                              backup_eligible, backed_up, aaguid, attestation_format, created_at, name)
        values (@id, @user, @credential, @key, @algorithm, @count, @transports, @be, @bs, @aaguid, @format, @created, @name)
        """,
        ("id", passkey.Id),
        ("user", userId),
        ("credential", passkey.CredentialId),
        ("key", passkey.PublicKeyCose),
        ("algorithm", (int)passkey.Algorithm),
        ("count", (long)passkey.SignCount),
        ("transports", passkey.Transports),
        ("be", passkey.BackupEligible),
        ("bs", passkey.BackedUp),
        ("aaguid", passkey.Aaguid),
        ("format", passkey.AttestationFormat),
        ("created", passkey.CreatedAt),
        ("name", passkey.Name));

    /// <summary>§7.2 steps 22 and 25: the new counter and backup state, and when the passkey was last used.</summary>
    public static Task RecordUseAsync(UserWrite write, Guid passkeyId, uint signCount, bool backedUp, DateTimeOffset at) => ExecuteAsync(
        write,
        "update passkeys set sign_count = @count, backed_up = @bs, last_used_at = @at where id = @id",
        ("id", passkeyId),
        ("count", (long)signCount),
        ("bs", backedUp),
        ("at", at));

    public static Task RenameAsync(UserWrite write, Guid passkeyId, string name) =>
        ExecuteAsync(write, "update passkeys set name = @name where id = @id", ("id", passkeyId), ("name", name));

    public static Task DeleteAsync(UserWrite write, Guid passkeyId) => ExecuteAsync(write, "delete from passkeys where id = @id", ("id", passkeyId));

    public static async Task SetEmailSignInAsync(UserWrite write, Guid userId, bool enabled)
    {
        await ExecuteAsync(write, "update users set email_sign_in_enabled = @enabled where id = @id", ("id", userId), ("enabled", enabled));
        if (!enabled)
        {
            // Links and codes mailed before the switch was turned off must not outlive it.
            await ExecuteAsync(write, "update magic_links set expires_at = least(expires_at, now()) where user_id = @id and used_at is null", ("id", userId));
        }
    }

    /// <summary>One statement in the write's transaction; a string[] value binds as text[].</summary>
    private static async Task ExecuteAsync(UserWrite write, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = write.Command(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
