using System.Text.RegularExpressions;
using MimeKit;
using Npgsql;
using NpgsqlTypes;

namespace FitFolio.Grains.Mail;

/// <summary>
/// Puts mail in the <c>mail_outbox</c> table inside the caller's transaction, so a message exists exactly
/// when what it announces (a sign-in token, say) commits. The senders are woken by a NOTIFY that
/// PostgreSQL delivers only on commit: a rolled-back transaction neither sends nor wakes anyone.
/// </summary>
public sealed partial class MailOutbox
{
    /// <summary>The LISTEN/NOTIFY channel that tells senders mail is waiting.</summary>
    public const string NotificationChannel = "mail_outbox";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,63}$")]
    private static partial Regex PurposePattern();

    /// <summary>
    /// Inserts <paramref name="mail"/> with <paramref name="connection"/> in <paramref name="transaction"/>
    /// and returns its id (also the left part of its Message-ID). Invalid mail throws
    /// <see cref="ArgumentException"/> here, in the request that made it, rather than failing in a sender later.
    /// </summary>
    public async Task<Guid> EnqueueAsync(
        OutgoingMail mail, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        if (!ReferenceEquals(transaction.Connection, connection))
        {
            throw new ArgumentException("The transaction must belong to the connection it is passed with.", nameof(transaction));
        }

        Validate(mail);
        var id = Guid.CreateVersion7();
        await using var batch = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(
                    """
                    insert into mail_outbox (id, purpose, to_address, subject, text_body, html_body, expires_at)
                    values (@id, @purpose, @to, @subject, @text, @html, now() + @valid_for)
                    """)
                {
                    Parameters =
                    {
                        new("id", id),
                        new("purpose", mail.Purpose),
                        new("to", mail.To),
                        new("subject", mail.Content.Subject),
                        new("text", mail.Content.TextBody),
                        new("html", mail.Content.HtmlBody),
                        new("valid_for", NpgsqlDbType.Interval) { Value = (object?)mail.ValidFor ?? DBNull.Value },
                    },
                },
                // Several messages in one transaction still make one notification: PostgreSQL folds duplicates.
                new NpgsqlBatchCommand("notify " + NotificationChannel),
            },
        };
        await batch.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    private static void Validate(OutgoingMail mail)
    {
        if (mail.To is not { Length: <= 320 } || !MailboxAddress.TryParse(mail.To, out var address)
            || !string.IsNullOrEmpty(address.Name) || address.Address != mail.To || !mail.To.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException("The recipient must be a bare email address (no display name).", nameof(mail));
        }

        ArgumentNullException.ThrowIfNull(mail.Content, nameof(mail));
        if (string.IsNullOrWhiteSpace(mail.Content.Subject) || mail.Content.Subject.Any(char.IsControl))
        {
            // A line break in a subject would let its text inject header fields.
            throw new ArgumentException("The subject must be non-empty and free of control characters.", nameof(mail));
        }

        if (string.IsNullOrEmpty(mail.Content.TextBody) || string.IsNullOrEmpty(mail.Content.HtmlBody))
        {
            throw new ArgumentException("Both the text and the HTML body are required.", nameof(mail));
        }

        if (mail.Purpose is null || !PurposePattern().IsMatch(mail.Purpose))
        {
            throw new ArgumentException("The purpose must be a short lower-case tag such as 'sign-in'.", nameof(mail));
        }

        if (mail.ValidFor is { } validFor && validFor <= TimeSpan.Zero)
        {
            throw new ArgumentException("ValidFor must be positive when set.", nameof(mail));
        }
    }
}
