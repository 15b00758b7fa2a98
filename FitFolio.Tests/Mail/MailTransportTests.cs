using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Mail;

/// <summary>
/// How the sender talks to the SMTP server (MailKit): a batch over a few connections at once, each reused, AUTH when
/// configured, TLS as configured.
/// </summary>
public sealed class MailTransportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_batch_goes_out_over_as_many_connections_as_configured_at_once_each_reused_for_the_next_message()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        // A relay that takes 300 ms to accept each message: one connection would need 2.4 s for eight.
        await using var sink = new TestMailbox { DataReplyDelay = TimeSpan.FromMilliseconds(300) };
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Outbox:Connections"] = "4";
        await using var silo = await MailSilo.StartAsync(database, logs, settings);
        await OutboxTestData.WaitUntilIdleAsync(logs);

        var ids = await OutboxTestData.EnqueueTogetherAsync(database, [.. Enumerable.Range(0, 8).Select(i => OutboxTestData.SignIn($"lane{i}@example.test"))]);

        await sink.WaitForMessagesAsync(8, _ => true, OutboxTestData.Timeout, cancellationToken);
        Assert.Equal(ids.Select(id => $"{id:N}@fitfolio.test").Order(), sink.Messages.Select(m => m.MessageId!).Order());
        // Four connections, not eight: each took its next message over the connection it had.
        Assert.Equal(4, sink.Sessions);
        Assert.True(sink.MostConcurrentSessions >= 2, $"The connections never overlapped (at most {sink.MostConcurrentSessions} at once).");
        foreach (var id in ids)
        {
            Assert.Equal(1, (await OutboxTestData.RowAsync(database, id)).Attempts);
        }
    }

    [Fact]
    public async Task With_one_connection_a_batch_goes_out_over_it()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));
        await OutboxTestData.WaitUntilIdleAsync(logs);

        var ids = await OutboxTestData.EnqueueTogetherAsync(database, [.. Enumerable.Range(0, 5).Select(i => OutboxTestData.SignIn($"batch{i}@example.test"))]);

        await sink.WaitForMessagesAsync(5, _ => true, OutboxTestData.Timeout, TestContext.Current.CancellationToken);
        Assert.Equal(1, sink.Sessions);
        Assert.Equal(ids.Select(id => $"{id:N}@fitfolio.test").Order(), sink.Messages.Select(m => m.MessageId!).Order());
    }

    [Fact]
    public async Task Credentials_are_presented_when_configured_and_a_wrong_password_is_retried_not_final()
    {
        await OutboxTestData.ResetAsync(database);
        await using var sink = new TestMailbox { RequiredCredentials = ("fitfolio", "correct horse") };
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Smtp:UserName"] = "fitfolio";
        settings["Mail:Smtp:Password"] = "battery staple";
        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("guarded@example.test"));

        var wrongLogs = new LogCapture();
        await using (await MailSilo.StartAsync(database, wrongLogs, settings))
        {
            await wrongLogs.WaitForAsync(entry => entry.IsEvent("MailRetryScheduled", id));
        }

        var refused = await OutboxTestData.RowAsync(database, id);
        Assert.Null(refused.FailedAt);
        Assert.Contains("AuthenticationException", refused.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain("battery staple", refused.LastError, StringComparison.Ordinal);
        Assert.Empty(sink.Messages);

        settings["Mail:Smtp:Password"] = "correct horse";
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, settings);
        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));
        Assert.Equal("guarded@example.test", Assert.Single(sink.Messages).To);
    }

    [Theory]
    [InlineData("StartTls", "STARTTLS")]
    [InlineData("ImplicitTls", "Ssl")]
    public async Task Required_tls_is_never_given_up_for_a_plain_connection(string security, string expectedInError)
    {
        await OutboxTestData.ResetAsync(database);
        // A plain server that offers no STARTTLS and speaks no TLS: required TLS must not fall back.
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Smtp:Security"] = security;
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, settings);

        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("private@example.test"));
        await logs.WaitForAsync(entry => entry.IsEvent("MailRetryScheduled", id));

        var row = await OutboxTestData.RowAsync(database, id);
        Assert.Null(row.FailedAt);
        Assert.Contains(expectedInError, row.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, sink.DataTransfers);
    }

    [Fact]
    public async Task Stopping_cancels_the_send_in_flight_and_hands_the_rest_of_the_batch_back()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var slow = new TestMailbox { DataReplyDelay = TimeSpan.FromMinutes(2) };
        await slow.StartAsync(0, cancellationToken);
        var settings = MailSilo.Settings(slow.Port);
        // Far longer than the shutdown grace (5 s): the stop must come from cancellation, not a timeout.
        settings["Mail:Smtp:Timeout"] = "00:00:30";
        settings["Mail:Outbox:Lease"] = "00:01:00";
        var logs = new LogCapture();
        var silo = await MailSilo.StartAsync(database, logs, settings);
        await OutboxTestData.WaitUntilIdleAsync(logs);
        var ids = await OutboxTestData.EnqueueTogetherAsync(database, [.. Enumerable.Range(0, 3).Select(i => OutboxTestData.SignIn($"stop{i}@example.test"))]);
        await Eventually.TrueAsync(() => slow.DataTransfers == 1, TimeSpan.FromSeconds(30), "the first message to reach the slow server");

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        await silo.DisposeAsync();
        stopping.Stop();

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(15), $"Stopping took {stopping.Elapsed}: the send in flight was not cancelled.");
        var rows = new List<OutboxRow>();
        foreach (var id in ids)
        {
            rows.Add(await OutboxTestData.RowAsync(database, id));
        }

        var inFlight = Assert.Single(rows, row => row.Attempts == 1);
        Assert.Contains("Cancel", inFlight.LastError, StringComparison.Ordinal);
        Assert.All(rows.Where(row => row != inFlight), row => Assert.Equal((0, null), (row.Attempts, row.LastError)));
        Assert.Contains(logs.Entries, entry => entry.IsEvent("MailReleased"));

        // Another silo takes all three up at once: the released ones are not waiting out a lease.
        await using var fast = new TestMailbox();
        await fast.StartAsync(0, cancellationToken);
        var nextLogs = new LogCapture();
        await using var next = await MailSilo.StartAsync(database, nextLogs, MailSilo.Settings(fast.Port));
        await fast.WaitForMessagesAsync(3, _ => true, OutboxTestData.Timeout, cancellationToken);
    }
}
