using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Mail;

public sealed class MailOutboxConcurrencyTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Three_senders_on_one_database_deliver_each_of_50_messages_exactly_once()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var sink = new TestMailbox();
        await sink.StartAsync(0, cancellationToken);
        var settings = MailSilo.Settings(sink.Port);
        settings["Mail:Outbox:BatchSize"] = "5";
        settings["Mail:Outbox:Connections"] = "3";
        var logs = new[] { new LogCapture(), new LogCapture(), new LogCapture() };
        var silos = new List<MailSilo>();
        foreach (var capture in logs)
        {
            silos.Add(await MailSilo.StartAsync(database, capture, settings));
        }

        // All three listening, so the one notification of the commit below wakes them together to compete.
        foreach (var capture in logs)
        {
            await capture.WaitForAsync(entry => entry.IsEvent("MailOutboxListening"));
        }

        var ids = await OutboxTestData.EnqueueTogetherAsync(database, [.. Enumerable.Range(0, 50).Select(i => OutboxTestData.SignIn($"user{i}@example.test"))]);

        await sink.WaitForMessagesAsync(50, _ => true, OutboxTestData.Timeout, cancellationToken);
        // Stopping waits for in-flight sends: after this, nothing more can arrive.
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        var retries = logs.SelectMany(capture => capture.Entries)
            .Where(entry => entry.IsEvent("MailRetryScheduled"))
            .Select(entry => entry.Message + " " + entry.Exception);
        Assert.True(!retries.Any(), "Sends failed with the SMTP server up: " + string.Join("\n----\n", retries.Take(2)));
        var received = sink.Messages;
        Assert.Equal(50, received.Count);
        Assert.Equal(
            ids.Select(id => $"{id:N}@fitfolio.test").Order(),
            received.Select(m => m.MessageId!).Order());
        var rows = new List<OutboxRow>();
        foreach (var id in ids)
        {
            rows.Add(await OutboxTestData.RowAsync(database, id));
        }

        Assert.All(rows, row => Assert.NotNull(row.SentAt));
        Assert.All(rows, row => Assert.Equal(1, row.Attempts));
        // The race was real: more than one sender took part in delivering.
        Assert.True(rows.Select(row => row.LockedBy).Distinct().Count() >= 2, "Only one sender delivered; the others never competed.");
    }

    [Fact]
    public async Task A_crashed_senders_lease_expires_and_another_sender_delivers()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var id = await OutboxTestData.EnqueueAsync(database, OutboxTestData.SignIn("orphan@example.test"));

        // What a silo that claimed the message and then died leaves behind.
        DateTime leaseEnd;
        await using (var claim = database.DataSource.CreateCommand(
            """
            update mail_outbox
               set attempts = 1, last_attempt_at = now(), locked_by = 'crashed-silo', locked_until = now() + interval '1 second'
             where id = @id
            returning locked_until
            """))
        {
            claim.Parameters.AddWithValue("id", id);
            leaseEnd = (DateTime)(await claim.ExecuteScalarAsync(cancellationToken))!;
        }

        await using var sink = new TestMailbox();
        await sink.StartAsync(0, cancellationToken);
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(sink.Port));

        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));
        await using var check = database.DataSource.CreateCommand(
            "select last_attempt_at >= @lease_end, attempts, locked_by from mail_outbox where id = @id");
        check.Parameters.AddWithValue("id", id);
        check.Parameters.AddWithValue("lease_end", leaseEnd);
        await using var reader = await check.ExecuteReaderAsync(cancellationToken);
        Assert.True(await reader.ReadAsync(cancellationToken));
        Assert.True(reader.GetBoolean(0), "The message was taken over before the crashed sender's lease ran out.");
        Assert.Equal(2, reader.GetInt32(1));
        Assert.Equal(silo.SenderId, reader.GetString(2));
        Assert.Single(sink.Messages);
    }
}
