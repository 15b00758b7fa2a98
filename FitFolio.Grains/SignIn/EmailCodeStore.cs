using FitFolio.Grains.Audit;
using FitFolio.Grains.Users;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.SignIn;

/// <summary>
/// The SQL of the email-code path, per address. Every address runs the same statements with the
/// same text: a read that returns exactly one row, and for a wrong code one batch (its lockout and
/// the live link's attempt count in one row, the end of the link once its attempts are used up, the
/// audit events). Nothing is written to look busy: an address with no account has no link for the
/// batch to end and no user id in its audit row; otherwise the rows written are the same.
/// </summary>
internal sealed class EmailCodeStore(NpgsqlDataSource dataSource)
{
    private const string Read =
        """
        select u.id, m.id, m.code_salt, m.code_hash, case when l.link_id = m.id then l.link_attempts else 0 end,
               l.failures, l.locked_until, l.lockouts
        from (select @email::text as email) a
        left join users u on u.email = a.email
        left join lateral (
          select id, code_salt, code_hash from magic_links
          where user_id = u.id and used_at is null and expires_at > @now
          order by created_at desc limit 1) m on true
        left join email_code_lockouts l on l.email = a.email
        """;

    private const string SaveLockout =
        """
        insert into email_code_lockouts (email, failures, locked_until, lockouts, link_id, link_attempts, updated_at)
        values (@email, @failures, @until, @lockouts, @link, @attempts, now())
        on conflict (email) do update
          set failures = excluded.failures, locked_until = excluded.locked_until, lockouts = excluded.lockouts,
              link_id = excluded.link_id, link_attempts = excluded.link_attempts, updated_at = excluded.updated_at
        """;

    // The attempt that uses up the link's tries ends it (its emailed link too); any other attempt matches nothing.
    private const string EndLink = "update magic_links set expires_at = least(expires_at, @now) where @ends and id = @link";

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
        var lockout = new Lockout();
        lockout.Read(reader, 5);
        return new PendingCode(reader.IsDBNull(0) ? null : reader.GetGuid(0), link, lockout);
    }

    /// <summary>
    /// One wrong code, in one round trip and one (implicit) transaction: the lockout with the live
    /// link's attempts (the wrong one included), the link's end when they reach <paramref name="maxAttempts"/>, the audit events.
    /// </summary>
    public async Task RecordFailureAsync(string email, PendingCode pending, int maxAttempts, IEnumerable<AuditEvent> events, DateTimeOffset now)
    {
        var link = (object?)pending.Link?.Id ?? DBNull.Value;
        var attempts = pending.Link is { } live ? live.CodeAttempts + 1 : 0;
        await using var batch = dataSource.CreateBatch();
        var save = new NpgsqlBatchCommand(SaveLockout);
        save.Parameters.AddWithValue("email", email);
        pending.Lockout.Bind(save.Parameters);
        save.Parameters.AddWithValue("link", NpgsqlDbType.Uuid, link);
        save.Parameters.AddWithValue("attempts", attempts);
        batch.BatchCommands.Add(save);

        var end = new NpgsqlBatchCommand(EndLink);
        end.Parameters.AddWithValue("ends", pending.Link is not null && attempts >= maxAttempts);
        end.Parameters.AddWithValue("link", NpgsqlDbType.Uuid, link);
        end.Parameters.AddWithValue("now", now);
        batch.BatchCommands.Add(end);

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
