using FitFolio.Grains.Mail;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Mail;

public sealed class MailOutboxDeliveryTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Enqueued_sign_in_mail_is_delivered_with_text_and_html_parts_and_headers()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("ada@example.test", "48213795"));

        var message = await sink.WaitForMessageAsync(m => m.To == "ada@example.test", OutboxTestData.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal("Your FitFolio sign-in link", message.Subject);
        Assert.Equal("FitFolio <no-reply@fitfolio.test>", message.From);
        Assert.Equal($"{id:N}@fitfolio.test", message.MessageId);
        Assert.Equal("auto-generated", message.Header("Auto-Submitted"));
        Assert.Equal("sign-in", message.Header("X-FitFolio-Purpose"));
        Assert.StartsWith("multipart/alternative", message.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal("no-reply@fitfolio.test", message.EnvelopeFrom);
        Assert.Equal(["ada@example.test"], message.EnvelopeRecipients);
        Assert.Contains("48213795", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://fitfolio.test/sign-in?token=tok-48213795&next=%2Ftraining", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("expires in 10 minutes", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://fitfolio.test/sign-in?token=tok-48213795&amp;next=%2Ftraining\"", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(">48213795<", message.HtmlBody, StringComparison.Ordinal);

        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));
        var row = await OutboxTestData.RowAsync(database, id);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.FailedAt);
        Assert.Equal(1, row.Attempts);
        Assert.Single(sink.Messages);
    }

    [Fact]
    public async Task A_sent_row_keeps_the_delivery_record_but_not_the_body()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("kept@example.test"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.NotNull(row.SentAt);
        Assert.Null(row.TextBody);
        Assert.Null(row.HtmlBody);
        Assert.Equal(silo.SenderId, row.LockedBy);
    }

    [Fact]
    public async Task Enqueueing_wakes_a_sleeping_sender_without_waiting_for_the_poll()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var logs = new LogCapture();
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Outbox:PollInterval"] = "01:00:00";
        await using var silo = await MailSilo.StartAsync(database, logs, settings);

        // Listening, then a cycle that found nothing: from here only a notification wakes the sender before an hour.
        await OutboxTestData.WaitUntilIdleAsync(logs);

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("prompt@example.test"));

        await sink.WaitForMessageAsync(m => m.MessageId == $"{id:N}@fitfolio.test", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Mail_from_a_rolled_back_transaction_is_never_sent()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));
        var cancellationToken = TestContext.Current.CancellationToken;

        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken))
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await new MailOutbox().EnqueueAsync(OutboxTestData.SignIn("rolled-back@example.test"), connection, transaction, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
        }

        // A committed message enqueued after it: once this one is through, the rolled-back one had its chance.
        var marker = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("committed@example.test"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", marker));

        Assert.Equal(["committed@example.test"], sink.Messages.Select(m => m.To));
        await using var count = database.DataSource.CreateCommand("select count(*) from mail_outbox");
        Assert.Equal(1L, await count.ExecuteScalarAsync(cancellationToken));
    }

    [Fact]
    public async Task Invalid_mail_is_refused_when_enqueued_not_when_sent()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var outbox = new MailOutbox();
        var valid = OutboxTestData.SignIn("valid@example.test");

        await Assert.ThrowsAsync<ArgumentException>(
            () => outbox.EnqueueAsync(valid with { To = "Ada <ada@example.test>" }, connection, transaction, cancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(
            () => outbox.EnqueueAsync(valid with { To = "not an address" }, connection, transaction, cancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(
            valid with { Content = valid.Content with { Subject = "Hi\r\nBcc: eve@example.test" } }, connection, transaction, cancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(valid with { Purpose = "Sign In" }, connection, transaction, cancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(
            () => outbox.EnqueueAsync(valid with { ValidFor = TimeSpan.Zero }, connection, transaction, cancellationToken));

        await using var other = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await Assert.ThrowsAsync<ArgumentException>(() => outbox.EnqueueAsync(valid, other, transaction, cancellationToken));
    }
}
