using FitFolio.Grains.Accounts;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using Npgsql;

namespace FitFolio.Grains.ExternalIdentities;

/// <summary>
/// The SQL of provider identities waiting for an address (<c>external_email_proofs</c>): a provider that did not vouch for the person's
/// address leaves its (provider, subject) here under the hash of a secret held by the browser; the person names an address, is mailed a
/// link, and the link (with the same browser's secret) redeems the row once. The identity always comes from the row, never from the browser.
/// </summary>
public sealed class ExternalEmailProofStore(NpgsqlDataSource dataSource, MailOutbox outbox)
{
    /// <summary>How long rows stay after they expired or were used, for the audit trail's sake; pruned on the next start.</summary>
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    /// <summary>Records an identity waiting for an address under the browser secret's hash; expired rows are pruned on the way.</summary>
    public async Task IssueAsync(
        ExternalIdentityClaim identity, byte[] browserHash, DateTimeOffset now, DateTimeOffset expiresAt, AuditEvent audit, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        var prune = new NpgsqlBatchCommand("delete from external_email_proofs where expires_at < @before");
        prune.Parameters.AddWithValue("before", now - Retention);
        var insert = new NpgsqlBatchCommand(
            """
            insert into external_email_proofs (id, provider, subject, authenticated_at, browser_hash, created_at, expires_at, requested_ip)
            values (@id, @provider, @subject, @auth, @browser, @now, @expires, @ip)
            """);
        insert.Parameters.AddWithValue("id", Guid.CreateVersion7());
        insert.Parameters.AddWithValue("provider", identity.Provider);
        insert.Parameters.AddWithValue("subject", identity.Subject);
        insert.Parameters.AddWithValue("auth", (object?)identity.AuthenticatedAt ?? DBNull.Value);
        insert.Parameters.AddWithValue("browser", browserHash);
        insert.Parameters.AddWithValue("now", now);
        insert.Parameters.AddWithValue("expires", expiresAt);
        insert.Parameters.AddInet("ip", audit.Origin.Ip);
        batch.BatchCommands.Add(prune);
        batch.BatchCommands.Add(insert);
        batch.BatchCommands.Add(AuditLog.BatchCommand(audit));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The identity waiting for this browser, while its row is live.</summary>
    public async Task<ExternalIdentityClaim?> FindAsync(byte[] browserHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select provider, subject, null, authenticated_at from external_email_proofs
            where browser_hash = @browser and used_at is null and expires_at > @now
            """);
        command.Parameters.AddWithValue("browser", browserHash);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Claim(reader) : null;
    }

    /// <summary>
    /// Records the address the person named and the mailed link's hash (replacing any earlier: only the newest link works), and queues
    /// <paramref name="mail"/> in the same transaction. False, with nothing mailed, when this browser's row is no longer live, or a
    /// request made after <paramref name="now"/> (the time the person asked: this runs after the answer, on a queue whose workers may
    /// finish out of order) was mailed already.
    /// </summary>
    public async Task<bool> MailLinkAsync(
        byte[] browserHash, EmailAddress email, byte[] tokenHash, DateTimeOffset now, OutgoingMail mail, AuditEvent audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var update = new NpgsqlCommand(
            """
            update external_email_proofs set email = @email, token_hash = @token, mailed_at = @now
            where browser_hash = @browser and used_at is null and expires_at > @now and (mailed_at is null or mailed_at < @now)
            """,
            connection,
            transaction);
        update.Parameters.AddWithValue("email", email.Value);
        update.Parameters.AddWithValue("token", tokenHash);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("browser", browserHash);
        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            return false;
        }

        await outbox.EnqueueAsync(mail, connection, transaction, cancellationToken);
        await AuditLog.WriteAsync(connection, transaction, audit);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Ends this browser's row without a link (its identity was handed to an account owner's confirmation); the identity, once. Null as
    /// for <see cref="MailLinkAsync"/> when a later request was mailed already.
    /// </summary>
    public async Task<ExternalIdentityClaim?> EndAsync(byte[] browserHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update external_email_proofs set used_at = @now
            where browser_hash = @browser and used_at is null and expires_at > @now and (mailed_at is null or mailed_at < @now)
            returning provider, subject, email, authenticated_at
            """);
        command.Parameters.AddWithValue("browser", browserHash);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Claim(reader) : null;
    }

    /// <summary>
    /// Redeems a mailed link once, only in the browser that asked for it: the identity with the address the link proved, or null when the
    /// link is unknown, used, expired, superseded by a newer one, or opened in another browser.
    /// </summary>
    public async Task<ExternalIdentityClaim?> RedeemAsync(byte[] tokenHash, byte[] browserHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            update external_email_proofs set used_at = @now
            where token_hash = @token and browser_hash = @browser and used_at is null and expires_at > @now
            returning provider, subject, email, authenticated_at
            """);
        command.Parameters.AddWithValue("token", tokenHash);
        command.Parameters.AddWithValue("browser", browserHash);
        command.Parameters.AddWithValue("now", now);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Claim(reader) : null;
    }

    private static ExternalIdentityClaim Claim(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
}
