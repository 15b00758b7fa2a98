using System.Net;
using System.Net.Sockets;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using Npgsql;

namespace FitFolio.Tests.Mail;

/// <summary>A <c>mail_outbox</c> row as tests inspect it.</summary>
public sealed record OutboxRow(
    Guid Id, int Attempts, DateTime? SentAt, DateTime? FailedAt, DateTime? LastAttemptAt, DateTime NextAttemptAt,
    string? LastError, string? TextBody, string? HtmlBody, string? LockedBy);

internal static class OutboxTestData
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static OutgoingMail SignIn(string to, string code = "48213795") =>
        SignInMailTemplate.Create(to, new Uri("https://fitfolio.test/sign-in?token=tok-" + code + "&next=%2Ftraining"), code, 10);

    /// <summary>Empties the outbox, so rows a previous test in the class left pending do not reach this test's senders.</summary>
    public static async Task ResetAsync(TestDatabase database)
    {
        await using var command = database.DataSource.CreateCommand("delete from mail_outbox");
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Enqueues in a transaction of its own and commits it, as the sign-in grain would.</summary>
    public static Task<Guid> EnqueueAsync(TestDatabase database, OutgoingMail mail) => EnqueueAsync(database.DataSource, mail);

    public static async Task<Guid> EnqueueAsync(NpgsqlDataSource dataSource, OutgoingMail mail)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = await new MailOutbox().EnqueueAsync(mail, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    /// <summary>Enqueues every message in one transaction, so one notification makes them due together.</summary>
    public static async Task<List<Guid>> EnqueueTogetherAsync(TestDatabase database, IReadOnlyList<OutgoingMail> mails)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        foreach (var mail in mails)
        {
            ids.Add(await new MailOutbox().EnqueueAsync(mail, connection, transaction, cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
        return ids;
    }

    /// <summary>Waits until the sender listens and has found nothing to do: from here only a notification wakes it.</summary>
    public static async Task WaitUntilIdleAsync(LogCapture logs)
    {
        var listening = await logs.WaitForAsync(entry => entry.IsEvent("MailOutboxListening"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailOutboxIdle") && entry.Sequence > listening.Sequence);
    }

    public static async Task<OutboxRow> RowAsync(TestDatabase database, Guid id)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            select id, attempts, sent_at, failed_at, last_attempt_at, next_attempt_at, last_error, text_body, html_body, locked_by
              from mail_outbox where id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), $"No outbox row {id}");
        return new OutboxRow(
            reader.GetGuid(0),
            reader.GetInt32(1),
            reader.IsDBNull(2) ? null : reader.GetDateTime(2),
            reader.IsDBNull(3) ? null : reader.GetDateTime(3),
            reader.IsDBNull(4) ? null : reader.GetDateTime(4),
            reader.GetDateTime(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9));
    }

    /// <summary>A loopback port with nothing listening on it: an SMTP server that is down.</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsEvent(this LogEntry entry, string name, Guid? messageId = null) =>
        entry.EventId.Name == name && (messageId is null || entry.Values.Contains($"MessageId={messageId}"));
}
