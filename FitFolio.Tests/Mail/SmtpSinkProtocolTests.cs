using System.Text;
using FitFolio.MailCatcher;

namespace FitFolio.Tests.Mail;

public sealed class SmtpSinkProtocolTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new(new SmtpSinkOptions { MaxMessageSize = 4096 });

    public async ValueTask InitializeAsync() => await _sink.StartAsync(0, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _sink.DisposeAsync();

    [Fact]
    public async Task Ehlo_advertises_size_8bitmime_and_smtputf8()
    {
        await using var client = await RawSmtpClient.ConnectAsync(_sink.Port);
        Assert.StartsWith("220 ", client.Greeting, StringComparison.Ordinal);

        var reply = await client.SendAsync("EHLO client.test");

        Assert.Equal(["250-localhost greets client.test", "250-SIZE 4096", "250-8BITMIME", "250-SMTPUTF8", "250 ENHANCEDSTATUSCODES"], reply.Split('\n'));
        Assert.StartsWith("250 ", await client.SendAsync("HELO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("221 ", await client.SendAsync("QUIT"), StringComparison.Ordinal);
        Assert.True(await client.IsClosedByServerAsync());
    }

    [Fact]
    public async Task Dot_stuffed_lines_are_unstuffed_and_only_crlf_dot_crlf_ends_the_data()
    {
        await using var client = await RawSmtpClient.ConnectAsync(_sink.Port);

        await client.DeliverAsync("a@client.test", "b@sink.test",
            "Subject: dots\r\n\r\n..leading dot\r\n...two dots\r\n. \r\nbare\n.\r\nMAIL FROM:<smuggled@evil.test>\r\n..");

        var message = await _sink.WaitForMessageAsync(m => m.Subject == "dots", TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Equal(".leading dot\r\n..two dots\r\n \r\nbare\n\r\nMAIL FROM:<smuggled@evil.test>\r\n.\r\n", message.TextBody);
        Assert.Single(_sink.Messages);
        Assert.StartsWith("250 ", await client.SendAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_and_out_of_order_commands_get_errors_and_the_session_goes_on()
    {
        await using var client = await RawSmtpClient.ConnectAsync(_sink.Port);

        Assert.StartsWith("503 ", await client.SendAsync("MAIL FROM:<a@client.test>"), StringComparison.Ordinal);
        Assert.StartsWith("501 ", await client.SendAsync("EHLO"), StringComparison.Ordinal);
        Assert.StartsWith("250", await client.SendAsync("ehlo client.test"), StringComparison.Ordinal);
        Assert.StartsWith("503 ", await client.SendAsync("RCPT TO:<b@sink.test>"), StringComparison.Ordinal);
        Assert.StartsWith("501 ", await client.SendAsync("MAIL FROM:a@client.test"), StringComparison.Ordinal);
        Assert.StartsWith("555 ", await client.SendAsync("MAIL FROM:<a@client.test> FOO=1"), StringComparison.Ordinal);
        await client.WriteAsync([0xff, 0xfe, 0x00, 0x80, (byte)'\r', (byte)'\n']);
        Assert.StartsWith("500 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("500 5.5.2 Line too long", await client.SendAsync("NOOP " + new string('x', 600)), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("MAIL FROM:<>"), StringComparison.Ordinal);
        Assert.StartsWith("501 ", await client.SendAsync("RCPT TO:<nobody>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("RCPT TO:<postmaster>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("RSET"), StringComparison.Ordinal);
        Assert.StartsWith("503 ", await client.SendAsync("DATA"), StringComparison.Ordinal);

        await client.DeliverAsync("a@client.test", "b@sink.test", "Subject: still here\r\n\r\nbody");
        Assert.Equal("still here", Assert.Single(_sink.Messages).Subject);
    }

    [Fact]
    public async Task A_client_that_keeps_erring_is_disconnected_and_the_server_keeps_serving()
    {
        await using (var client = await RawSmtpClient.ConnectAsync(_sink.Port))
        {
            for (var i = 0; i < 10; i++)
            {
                Assert.StartsWith("500 ", await client.SendAsync("GARBAGE " + i), StringComparison.Ordinal);
            }

            Assert.StartsWith("421 ", await client.SendAsync("GARBAGE"), StringComparison.Ordinal);
            Assert.True(await client.IsClosedByServerAsync());
        }

        await using var next = await RawSmtpClient.ConnectAsync(_sink.Port);
        await next.DeliverAsync("a@client.test", "b@sink.test", "Subject: after\r\n\r\nbody");
        Assert.Single(_sink.Messages);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused_and_the_session_continues()
    {
        await using var client = await RawSmtpClient.ConnectAsync(_sink.Port);
        Assert.StartsWith("250", await client.SendAsync("EHLO client.test"), StringComparison.Ordinal);

        Assert.StartsWith("552 ", await client.SendAsync("MAIL FROM:<a@client.test> SIZE=5000"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("MAIL FROM:<a@client.test> SIZE=100 BODY=8BITMIME"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("RCPT TO:<b@sink.test>"), StringComparison.Ordinal);
        Assert.StartsWith("354 ", await client.SendAsync("DATA"), StringComparison.Ordinal);
        await client.WriteAsync("Subject: big\r\n\r\n" + string.Concat(Enumerable.Repeat(new string('y', 70) + "\r\n", 100)) + new string('z', 10_000) + "\r\n.\r\n");
        Assert.StartsWith("552 ", await client.ReadReplyAsync(), StringComparison.Ordinal);

        await client.DeliverAsync("a@client.test", "b@sink.test", "Subject: small\r\n\r\nbody");
        Assert.Equal("small", Assert.Single(_sink.Messages).Subject);
    }

    [Fact]
    public async Task A_client_that_disconnects_during_data_leaves_no_message_behind()
    {
        await using (var client = await RawSmtpClient.ConnectAsync(_sink.Port))
        {
            Assert.StartsWith("250", await client.SendAsync("EHLO client.test"), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.SendAsync("MAIL FROM:<a@client.test>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.SendAsync("RCPT TO:<b@sink.test>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await client.SendAsync("DATA"), StringComparison.Ordinal);
            await client.WriteAsync("Subject: cut off\r\n\r\nhalf a mess");
        }

        await using var next = await RawSmtpClient.ConnectAsync(_sink.Port);
        await next.DeliverAsync("a@client.test", "b@sink.test", "Subject: whole\r\n\r\nbody");
        Assert.Equal(["whole"], _sink.Messages.Select(m => m.Subject));
    }

    [Fact]
    public async Task Utf8_headers_and_addresses_arrive_intact_with_smtputf8()
    {
        await using var client = await RawSmtpClient.ConnectAsync(_sink.Port);
        Assert.StartsWith("250", await client.SendAsync("EHLO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("MAIL FROM:<trainer@client.test> SMTPUTF8"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await client.SendAsync("RCPT TO:<jürgen@übung.test>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await client.SendAsync("DATA"), StringComparison.Ordinal);
        await client.WriteAsync(Encoding.UTF8.GetBytes("Subject: Grüße – Übung\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKniebeugen ✓\r\n.\r\n"));
        Assert.StartsWith("250 ", await client.ReadReplyAsync(), StringComparison.Ordinal);

        var message = Assert.Single(_sink.Messages);
        Assert.Equal(["jürgen@übung.test"], message.EnvelopeRecipients);
        Assert.Equal("Grüße – Übung", message.Subject);
        Assert.Equal("Kniebeugen ✓\r\n", message.TextBody);
    }
}
