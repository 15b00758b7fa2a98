using FitFolio.Grains.Audit;
using FitFolio.Grains.Users;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The SQL of the email-code path, per address. Every address runs the same statements with the
/// same text: a read that returns exactly one row, and for a wrong code one batch (its lockout, the
/// live link's attempt count, the audit events). Nothing is written to look busy: an address with
/// no account simply has no link for the attempt count to match and no user id in its audit row.
/// </summary>
internal sealed class EmailCodeStore(NpgsqlDataSource dataSource)
{
    private const string Read =
        """
        select u.id, m.id, m.code_salt, m.code_hash, m.code_attempts, l.failures, l.locked_until, l.lockouts
        from (select @email::text as email) a
        left join users u on u.email = a.email
        left join lateral (
          select id, code_salt, code_hash, code_attempts from magic_links
          where user_id = u.id and used_at is null and expires_at > @now
          order by created_at desc limit 1) m on true
        left join email_code_lockouts l on l.email = a.email
        """;

    private const string SaveLockout =
        """
        insert into email_code_lockouts (email, failures, locked_until, lockouts, updated_at)
        values (@email, @failures, @until, @lockouts, now())
        on conflict (email) do update
          set failures = excluded.failures, locked_until = excluded.locked_until, lockouts = excluded.lockouts, updated_at = excluded.updated_at
        """;

    // The attempt that reaches the limit ends the link. With no live link, @link is null and nothing matches.
    private const string CountAttempt =
        "update magic_links set code_attempts = code_attempts + 1, expires_at = case when code_attempts + 1 >= @max then least(expires_at, now()) else expires_at end where id = @link";

    /// <summary>The address's account, live link and lockout; an address nobody has comes back as a row of nulls.</summary>
    public async Task<PendingCode> ReadAsync(string email, DateTimeOffset now)
    {
        await using var command = dataSource.CreateCommand(Read);
        command.Parameters.AddWithValue("email", email);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var link = reader.IsDBNull(1)
            ? null
            : new LiveLink(reader.GetGuid(1), reader.GetFieldValue<byte[]>(2), reader.GetFieldValue<byte[]>(3), reader.GetInt32(4));
        var lockout = new Lockout
        {
            Failures = reader.IsDBNull(5) ? 0 : reader.GetInt32(5),
            LockedUntil = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            Lockouts = reader.IsDBNull(7) ? 0 : reader.GetInt32(7),
        };
        return new PendingCode(reader.IsDBNull(0) ? null : reader.GetGuid(0), link, lockout);
    }

    /// <summary>One wrong code, in one round trip and one (implicit) transaction: the lockout, the link's attempts, the audit events.</summary>
    public async Task RecordFailureAsync(string email, PendingCode pending, int maxAttempts, IEnumerable<AuditEvent> events)
    {
        await using var batch = dataSource.CreateBatch();
        var save = new NpgsqlBatchCommand(SaveLockout);
        save.Parameters.AddWithValue("email", email);
        save.Parameters.AddWithValue("failures", pending.Lockout.Failures);
        save.Parameters.AddWithValue("until", NpgsqlDbType.TimestampTz, (object?)pending.Lockout.LockedUntil ?? DBNull.Value);
        save.Parameters.AddWithValue("lockouts", pending.Lockout.Lockouts);
        batch.BatchCommands.Add(save);

        var attempt = new NpgsqlBatchCommand(CountAttempt);
        attempt.Parameters.AddWithValue("link", NpgsqlDbType.Uuid, (object?)pending.Link?.Id ?? DBNull.Value);
        attempt.Parameters.AddWithValue("max", maxAttempts);
        batch.BatchCommands.Add(attempt);

        foreach (var auditEvent in events)
        {
            batch.BatchCommands.Add(AuditLog.BatchCommand(auditEvent));
        }

        await batch.ExecuteNonQueryAsync();
    }

    /// <summary>A successful sign-in by code, or an admin's unlock, clears the address's lockout in the same transaction.</summary>
    public static async Task ClearLockoutAsync(UserWrite write, string email)
    {
        await using var command = write.Command("delete from email_code_lockouts where email = @email");
        command.Parameters.AddWithValue("email", email);
        await command.ExecuteNonQueryAsync();
    }
}
