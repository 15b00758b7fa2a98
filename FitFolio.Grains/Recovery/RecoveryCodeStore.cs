using FitFolio.Grains.Audit;
using FitFolio.Grains.Users;
using Npgsql;

namespace FitFolio.Grains.Recovery;

/// <summary>
/// The SQL of recovery codes. Checking a code runs the same statements for every address (one read
/// that returns the address's lockout and its account's unused digests, if any; one batch for a wrong
/// code), as the email-code path does; issuing and redeeming happen inside the user grain's <see cref="UserWrite"/>.
/// </summary>
internal sealed class RecoveryCodeStore(NpgsqlDataSource dataSource)
{
    private const string Read =
        """
        select u.id, l.failures, l.locked_until, l.lockouts,
               coalesce((select array_agg(r.id order by r.id) from recovery_codes r where r.user_id = u.id and r.used_at is null), '{}'),
               coalesce((select array_agg(r.digest order by r.id) from recovery_codes r where r.user_id = u.id and r.used_at is null), '{}')
        from (select @email::text as email) a
        left join users u on u.email = a.email
        left join recovery_code_lockouts l on l.email = a.email
        """;

    private const string SaveLockout =
        """
        insert into recovery_code_lockouts (email, failures, locked_until, lockouts, updated_at)
        values (@email, @failures, @until, @lockouts, now())
        on conflict (email) do update
          set failures = excluded.failures, locked_until = excluded.locked_until, lockouts = excluded.lockouts, updated_at = excluded.updated_at
        """;

    /// <summary>The address's account, its unused codes and its lockout; an address nobody has comes back with no codes.</summary>
    public async Task<PendingRecovery> ReadAsync(string email)
    {
        await using var command = dataSource.CreateCommand(Read);
        command.Parameters.AddWithValue("email", email);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var lockout = new Lockout();
        lockout.Read(reader, 1);
        var ids = reader.GetFieldValue<Guid[]>(4);
        var digests = reader.GetFieldValue<byte[][]>(5);
        return new PendingRecovery(
            reader.IsDBNull(0) ? null : reader.GetGuid(0), [.. ids.Zip(digests, (id, digest) => new StoredRecoveryCode(id, digest))], lockout);
    }

    /// <summary>One wrong code, in one round trip: the address's lockout and the audit events.</summary>
    public async Task RecordFailureAsync(string email, Lockout lockout, IEnumerable<AuditEvent> events)
    {
        await using var batch = dataSource.CreateBatch();
        var save = new NpgsqlBatchCommand(SaveLockout);
        save.Parameters.AddWithValue("email", email);
        lockout.Bind(save.Parameters);
        batch.BatchCommands.Add(save);
        foreach (var auditEvent in events)
        {
            batch.BatchCommands.Add(AuditLog.BatchCommand(auditEvent));
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>How many unused codes the account has, and when its set was issued (null: never).</summary>
    public async Task<RecoveryCodeStatus> StatusAsync(Guid userId)
    {
        await using var command = dataSource.CreateCommand(
            "select count(*) filter (where used_at is null)::int, max(created_at) from recovery_codes where user_id = @user");
        command.Parameters.AddWithValue("user", userId);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new RecoveryCodeStatus(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1));
    }

    /// <summary>Replaces the account's set: every old code, used or not, stops working in the same transaction.</summary>
    public static async Task ReplaceAsync(UserWrite write, Guid userId, IEnumerable<byte[]> digests, DateTimeOffset now)
    {
        await using (var delete = write.Command("delete from recovery_codes where user_id = @user"))
        {
            delete.Parameters.AddWithValue("user", userId);
            await delete.ExecuteNonQueryAsync();
        }

        foreach (var digest in digests)
        {
            await using var insert = write.Command("insert into recovery_codes (id, user_id, digest, created_at) values (@id, @user, @digest, @at)");
            insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
            insert.Parameters.AddWithValue("user", userId);
            insert.Parameters.AddWithValue("digest", digest);
            insert.Parameters.AddWithValue("at", now);
            await insert.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Marks the code used; false when another request used it (or a new set replaced it) first.</summary>
    public static async Task<bool> RedeemAsync(UserWrite write, Guid userId, Guid codeId, DateTimeOffset now)
    {
        await using var command = write.Command("update recovery_codes set used_at = @at where id = @id and user_id = @user and used_at is null");
        command.Parameters.AddWithValue("id", codeId);
        command.Parameters.AddWithValue("user", userId);
        command.Parameters.AddWithValue("at", now);
        return await command.ExecuteNonQueryAsync() == 1;
    }

    public static async Task<int> CountUnusedAsync(UserWrite write, Guid userId)
    {
        await using var command = write.Command("select count(*)::int from recovery_codes where user_id = @user and used_at is null");
        command.Parameters.AddWithValue("user", userId);
        return (int)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A sign-in with a code clears the address's lockout in the same transaction.</summary>
    public static async Task ClearLockoutAsync(UserWrite write, string email)
    {
        await using var command = write.Command("delete from recovery_code_lockouts where email = @email");
        command.Parameters.AddWithValue("email", email);
        await command.ExecuteNonQueryAsync();
    }
}
