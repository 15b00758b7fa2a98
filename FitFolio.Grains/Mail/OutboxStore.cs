using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using Npgsql;

namespace FitFolio.Grains.Mail;

/// <summary>The sender's SQL over <c>mail_outbox</c>. Each method is one statement, so none holds a transaction open across a send.</summary>
internal sealed class OutboxStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Leases up to <paramref name="batchSize"/> due messages. SKIP LOCKED lets concurrent senders take
    /// disjoint rows without waiting; a row another sender claimed a moment earlier is re-checked against
    /// its new lease and dropped (READ COMMITTED re-evaluates the WHERE clause on the locked version).
    /// </summary>
    public async Task<List<ClaimedMail>> ClaimAsync(int batchSize, int maxAttempts, TimeSpan lease, string sender, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            with due as (
              select id from mail_outbox
               where sent_at is null and failed_at is null
                 and next_attempt_at <= now()
                 and (locked_until is null or locked_until <= now())
                 and (expires_at is null or expires_at > now())
                 and attempts < @max_attempts
               order by next_attempt_at
               limit @batch_size
               for update skip locked
            )
            update mail_outbox as m
               set attempts = m.attempts + 1, locked_until = now() + @lease, locked_by = @sender, last_attempt_at = now()
              from due
             where m.id = due.id
            returning m.id, m.purpose, m.to_address, m.subject, m.text_body, m.html_body, m.attempts
            """);
        command.Parameters.AddWithValue("batch_size", batchSize);
        command.Parameters.AddWithValue("max_attempts", maxAttempts);
        command.Parameters.AddWithValue("lease", lease);
        command.Parameters.AddWithValue("sender", sender);
        var claimed = new List<ClaimedMail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new ClaimedMail(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6)));
        }

        return claimed;
    }

    /// <summary>
    /// Marks a message sent and erases its bodies. Not fenced by attempt: once the SMTP server has the
    /// message it has been sent, even if a lease ran out meanwhile, and saying so prevents a further copy.
    /// </summary>
    public async Task MarkSentAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update mail_outbox
               set sent_at = now(), failed_at = null, locked_until = null, last_error = null, text_body = null, html_body = null
             where id = @id and sent_at is null
            """);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt and when to try again; false if another sender has since claimed the row.</summary>
    public async Task<bool> ScheduleRetryAsync(ClaimedMail mail, TimeSpan delay, string error, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update mail_outbox
               set locked_until = null, next_attempt_at = now() + @delay, last_error = @error
             where id = @id and attempts = @attempt and sent_at is null and failed_at is null
            """);
        command.Parameters.AddWithValue("id", mail.Id);
        command.Parameters.AddWithValue("attempt", mail.Attempt);
        command.Parameters.AddWithValue("delay", delay);
        command.Parameters.AddWithValue("error", error);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Renews the lease of a claimed message just before it is sent, so a message waiting behind others in
    /// its batch is never sent on a lease about to run out. False if the row is no longer this claim's (a
    /// sender took it over after the lease ran out) or has expired: then it must not be sent.
    /// </summary>
    public async Task<bool> RenewLeaseAsync(ClaimedMail mail, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update mail_outbox
               set locked_until = now() + @lease, last_attempt_at = now()
             where id = @id and attempts = @attempt and sent_at is null and failed_at is null
               and (expires_at is null or expires_at > now())
            """);
        command.Parameters.AddWithValue("id", mail.Id);
        command.Parameters.AddWithValue("attempt", mail.Attempt);
        command.Parameters.AddWithValue("lease", lease);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Hands back claimed messages that were never tried (the sender is stopping): the lease ends now and the
    /// attempt the claim counted is taken back, so another silo sends them at once and no attempt is lost.
    /// </summary>
    public async Task ReleaseAsync(IReadOnlyCollection<ClaimedMail> mails, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update mail_outbox as m
               set locked_until = null, attempts = m.attempts - 1
              from unnest(@ids::uuid[], @attempts::int[]) as released (id, attempt)
             where m.id = released.id and m.attempts = released.attempt and m.sent_at is null and m.failed_at is null
            """);
        command.Parameters.AddWithValue("ids", mails.Select(m => m.Id).ToArray());
        command.Parameters.AddWithValue("attempts", mails.Select(m => m.Attempt).ToArray());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Gives up on a message: after its last attempt, or at once when the server refused it permanently
    /// (<paramref name="refusedWithStatus"/>). Kept as a record, bodies erased. A refusal is also written to
    /// the audit log in the same transaction (<c>mail_refused</c>, under the account the address belongs
    /// to, if any), which is where admins see it.
    /// </summary>
    public async Task<bool> MarkFailedAsync(ClaimedMail mail, string error, int? refusedWithStatus, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Guid? userId;
        await using (var command = new NpgsqlCommand(
            """
            update mail_outbox
               set locked_until = null, failed_at = now(), last_error = @error, text_body = null, html_body = null
             where id = @id and attempts = @attempt and sent_at is null and failed_at is null
            returning (select u.id from users u where u.email = mail_outbox.to_address)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("id", mail.Id);
            command.Parameters.AddWithValue("attempt", mail.Attempt);
            command.Parameters.AddWithValue("error", error);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            userId = reader.IsDBNull(0) ? null : reader.GetGuid(0);
        }

        if (refusedWithStatus is { } status)
        {
            var details = new Dictionary<string, object?>
            {
                ["mail_id"] = mail.Id,
                ["purpose"] = mail.Purpose,
                ["recipient_domain"] = MailAddresses.DomainOf(mail.To),
                ["smtp_status"] = status,
                ["error"] = error,
            };
            await AuditLog.WriteAsync(
                connection, transaction, new AuditEvent(AuditEventType.MailRefused, userId, RequestOrigin.System, details), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Marks failed what no claim will pick up any more: messages past their expiry, and messages whose
    /// last allowed attempt was claimed by a sender that never reported back before its lease ran out.
    /// </summary>
    public async Task<List<AbandonedMail>> SweepAsync(int maxAttempts, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update mail_outbox
               set failed_at = now(), locked_until = null, text_body = null, html_body = null,
                   last_error = case when expires_at <= now() then 'expired before delivery'
                                     else 'gave up: the last attempt did not report back before its lease expired' end
             where sent_at is null and failed_at is null
               and (locked_until is null or locked_until <= now())
               and (expires_at <= now() or attempts >= @max_attempts)
            returning id, to_address, expires_at <= now()
            """);
        command.Parameters.AddWithValue("max_attempts", maxAttempts);
        var abandoned = new List<AbandonedMail>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            abandoned.Add(new AbandonedMail(reader.GetGuid(0), reader.GetString(1), !reader.IsDBNull(2) && reader.GetBoolean(2)));
        }

        return abandoned;
    }

    /// <summary>How long until the next pending message becomes claimable (negative if one already is), or null if none is pending.</summary>
    public async Task<TimeSpan?> TimeUntilNextDueAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select min(greatest(next_attempt_at, coalesce(locked_until, next_attempt_at))) - now()
              from mail_outbox
             where sent_at is null and failed_at is null
            """);
        return await command.ExecuteScalarAsync(cancellationToken) is TimeSpan wait ? wait : null;
    }
}
