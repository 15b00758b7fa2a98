using System.Text.Json;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using SmtpServer.Protocol;

namespace FitFolio.Tests.Mail;

/// <summary>RFC 5321 §4.2.1 against a real SMTP server: a 5yz refusal of the message is final, a 4yz one is retried.</summary>
public sealed class MailRefusalTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly SmtpResponse NoSuchUser = new((SmtpReplyCode)550, "5.1.1 <gone@example.test>: Recipient address rejected: user unknown");

    [Fact]
    public async Task A_permanent_refusal_of_the_recipient_is_final_at_once_logged_and_audited_under_the_account()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var userId = Guid.NewGuid();
        await using (var user = database.DataSource.CreateCommand(
            "insert into users (id, email) values (@user_id, 'gone@example.test') on conflict (email) do nothing"))
        {
            user.Parameters.AddWithValue("user_id", userId);
            await user.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var sink = new TestMailbox { RecipientReply = to => to == "gone@example.test" ? NoSuchUser : null };
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("gone@example.test", "31415926"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailRefused", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.Equal(1, row.Attempts);
        Assert.NotNull(row.FailedAt);
        Assert.Null(row.TextBody);
        Assert.StartsWith("SmtpCommandException (550 RecipientNotAccepted): 5.1.1 <(recipient)>", row.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(logs.Entries, entry => entry.IsEvent("MailRetryScheduled", id) || entry.IsEvent("MailGaveUp", id));

        var (auditUser, details) = await RefusalEventAsync(id);
        Assert.Equal(userId, auditUser);
        Assert.Equal(550, details.GetProperty("smtp_status").GetInt32());
        Assert.Equal("sign-in", details.GetProperty("purpose").GetString());
        Assert.Equal("example.test", details.GetProperty("recipient_domain").GetString());
        Assert.DoesNotContain("31415926", details.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("gone@", details.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_permanent_refusal_after_the_data_is_final_and_the_rest_of_the_batch_still_goes_out_on_the_same_connection()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sink = new TestMailbox
        {
            DataReply = mail => mail.IsTo("spammy@example.test") ? new SmtpResponse((SmtpReplyCode)554, "5.7.1 Message rejected as spam") : null,
        };
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));
        await OutboxTestData.WaitUntilIdleAsync(logs);

        var ids = await OutboxTestData.EnqueueTogetherAsync(database,
            [OutboxTestData.SignIn("first@example.test"), OutboxTestData.SignIn("spammy@example.test"), OutboxTestData.SignIn("last@example.test")]);
        await logs.WaitForAsync(entry => entry.IsEvent("MailRefused", ids[1]));
        await sink.WaitForMessagesAsync(2, _ => true, OutboxTestData.Timeout, cancellationToken);

        Assert.Equal(["first@example.test", "last@example.test"], sink.Messages.Select(m => m.To));
        Assert.Equal(1, sink.Sessions);
        var refused = await OutboxTestData.RowAsync(database, ids[1]);
        Assert.Equal((1, true), (refused.Attempts, refused.FailedAt is not null));
        Assert.Contains("554 MessageNotAccepted", refused.LastError, StringComparison.Ordinal);
        Assert.Null((await RefusalEventAsync(ids[1])).UserId);
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_and_the_message_delivered_once_the_server_takes_it()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var refusals = 0;
        await using var sink = new TestMailbox
        {
            // Greylisting (RFC 6647): the first try is refused for now, a later one accepted.
            RecipientReply = _ => Interlocked.Increment(ref refusals) == 1 ? new SmtpResponse((SmtpReplyCode)450, "4.7.1 Greylisted, try again later") : null,
        };
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("grey@example.test"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.Equal(2, row.Attempts);
        Assert.NotNull(row.SentAt);
        Assert.Contains(
            logs.Entries, entry => entry.IsEvent("MailRetryScheduled", id) && entry.Message.Contains("450 RecipientNotAccepted", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, entry => entry.IsEvent("MailRefused", id));
        Assert.Equal(0L, await CountRefusalEventsAsync(id));
        Assert.Single(sink.Messages);
    }

    private async Task<(Guid? UserId, JsonElement Details)> RefusalEventAsync(Guid mailId)
    {
        await using var command = database.DataSource.CreateCommand(
            "select user_id, details::text from login_events where event_type = 'mail_refused' and details ->> 'mail_id' = @mail_id");
        command.Parameters.AddWithValue("mail_id", mailId.ToString());
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), "No mail_refused audit event for the message.");
        var result = (reader.IsDBNull(0) ? (Guid?)null : reader.GetGuid(0), JsonDocument.Parse(reader.GetString(1)).RootElement);
        Assert.False(await reader.ReadAsync(TestContext.Current.CancellationToken), "More than one mail_refused audit event for the message.");
        return result;
    }

    private async Task<long> CountRefusalEventsAsync(Guid mailId)
    {
        await using var command = database.DataSource.CreateCommand(
            "select count(*) from login_events where event_type = 'mail_refused' and details ->> 'mail_id' = @mail_id");
        command.Parameters.AddWithValue("mail_id", mailId.ToString());
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
