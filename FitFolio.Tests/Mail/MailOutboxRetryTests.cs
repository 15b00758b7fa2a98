using System.Net;
using System.Net.Sockets;
using FitFolio.TestMail;
using SmtpServer.Protocol;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Mail;

public sealed class MailOutboxRetryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Mail_is_delivered_after_the_smtp_server_comes_back_with_the_backoff_recorded()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = OutboxTestData.UnusedPort();
        var logs = new LogCapture();
        var settings = MailSilo.Settings(port);
        settings["Mail:Outbox:InitialRetryDelay"] = "00:00:00.400";
        settings["Mail:Outbox:MaxRetryDelay"] = "00:00:00.800";
        await using var silo = await MailSilo.StartAsync(database, logs, settings);

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("patient@example.test", "11223344"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailRetryScheduled", id));

        var failed = await OutboxTestData.RowAsync(database, id);
        Assert.Null(failed.SentAt);
        Assert.True(failed.Attempts >= 1);
        Assert.Contains("SocketException (ConnectionRefused)", failed.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("11223344", failed.LastError, StringComparison.Ordinal);
        var backoff = failed.NextAttemptAt - failed.LastAttemptAt!.Value;
        // The delay (300-400 ms with jitter) counts from the failure; the row's times also hold the failed attempt itself.
        Assert.InRange(backoff, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(2000));
        Assert.NotNull(failed.TextBody);

        await using var sink = new TestMailbox();
        await sink.StartAsync(port, cancellationToken);
        var message = await sink.WaitForMessageAsync(m => m.MessageId == $"{id:N}@fitfolio.test", OutboxTestData.Timeout, cancellationToken);
        Assert.Contains("11223344", message.TextBody, StringComparison.Ordinal);

        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));
        var sent = await OutboxTestData.RowAsync(database, id);
        Assert.NotNull(sent.SentAt);
        Assert.True(sent.Attempts >= 2);
        Assert.Null(sent.LastError);
    }

    [Fact]
    public async Task A_message_the_server_keeps_refusing_for_now_is_retried_then_marked_failed_after_max_attempts_and_kept()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        // A server that takes the whole message and then refuses it for now (452, RFC 5321 §4.2.2): the
        // failure comes after the body went over the wire, and a 4yz reply is worth retrying.
        await using var sink = new TestMailbox { DataReply = _ => new SmtpResponse((SmtpReplyCode)452, "4.3.1 Mailbox full, try later") };
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Outbox:MaxAttempts"] = "3";
        settings["Mail:Outbox:InitialRetryDelay"] = "00:00:00.050";
        settings["Mail:Outbox:MaxRetryDelay"] = "00:00:00.100";
        await using var silo = await MailSilo.StartAsync(database, logs, settings);

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("refused@example.test", "55667788"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailGaveUp", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Contains("SmtpCommandException (452 MessageNotAccepted)", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("55667788", row.LastError, StringComparison.Ordinal);
        Assert.Null(row.TextBody);
        Assert.Null(row.HtmlBody);
        Assert.Equal(2, logs.Entries.Count(entry => entry.IsEvent("MailRetryScheduled", id)));
        Assert.DoesNotContain(logs.Entries, entry => entry.IsEvent("MailRefused", id));
        Assert.Empty(sink.Messages);
    }

    [Fact]
    public async Task An_smtp_server_that_never_answers_fails_the_attempt_at_the_timeout()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var logs = new LogCapture();
        var settings = MailSilo.Settings(((IPEndPoint)silent.LocalEndpoint).Port);
        settings["Mail:Smtp:Timeout"] = "00:00:00.500";
        settings["Mail:Smtp:ConnectTimeout"] = "00:00:00.500";
        settings["Mail:Outbox:Lease"] = "00:00:01";
        settings["Mail:Outbox:MaxAttempts"] = "1";
        await using var silo = await MailSilo.StartAsync(database, logs, settings);

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("silent@example.test"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailGaveUp", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.NotNull(row.FailedAt);
        // The server never sends its greeting: the connect timeout and MailKit's socket timeout race to end the attempt.
        Assert.Matches("took longer than Mail:Smtp:ConnectTimeout|timed out", row.LastError);
    }

    [Fact]
    public async Task Mail_that_expired_before_delivery_is_marked_failed_and_not_sent()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("late@example.test"));
        // The sign-in link's ten minutes went by while every silo was down.
        await using (var expire = database.DataSource.CreateCommand("update mail_outbox set expires_at = now() - interval '1 second' where id = @id"))
        {
            expire.Parameters.AddWithValue("id", id);
            await expire.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var sink = new TestMailbox();
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));
        await logs.WaitForAsync(entry => entry.IsEvent("MailAbandoned", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.SentAt);
        Assert.Equal(0, row.Attempts);
        Assert.Equal("expired before delivery", row.LastError);
        Assert.Null(row.TextBody);
        Assert.Empty(sink.Messages);
    }
}
