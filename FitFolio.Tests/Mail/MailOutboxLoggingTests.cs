using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace FitFolio.Tests.Mail;

public sealed class MailOutboxLoggingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Neither_bodies_nor_recipients_reach_the_logs_on_failure_or_success()
    {
        await OutboxTestData.ResetAsync(database);
        var cancellationToken = TestContext.Current.CancellationToken;
        var port = OutboxTestData.UnusedPort();
        var logs = new LogCapture();
        await using var silo = await MailSilo.StartAsync(database, logs, MailSilo.Settings(port));

        // Enqueued through the silo's own data source, so Npgsql's command logging is captured as well.
        var mail = OutboxTestData.SignIn("private.person@example.test", "90817263");
        var id = await OutboxTestData.EnqueueAsync(silo.Services.GetRequiredService<NpgsqlDataSource>(), mail);
        await logs.WaitForAsync(entry => entry.IsEvent("MailRetryScheduled", id) && entry.Message.Contains("ConnectionRefused", StringComparison.Ordinal));
        await using var sink = new TestMailbox();
        await sink.StartAsync(port, cancellationToken);
        await logs.WaitForAsync(entry => entry.IsEvent("MailSent", id));

        var entries = logs.Entries;
        Assert.Contains(entries, entry => entry.Category.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Contains(entries, entry => entry.IsEvent("MailSent", id) && entry.Values.Contains("RecipientDomain=example.test"));
        string[] secrets = ["90817263", "tok-90817263", "private.person", "Sign in to FitFolio", "ignore this email"];
        foreach (var entry in entries)
        {
            var text = string.Join("\n", [entry.Message, entry.Exception ?? "", .. entry.Values]);
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"Log entry {entry.EventId.Name} ({entry.Category}) contains '{secret}': {text}");
            }
        }
    }
}
