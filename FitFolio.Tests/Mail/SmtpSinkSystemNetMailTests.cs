using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using FitFolio.MailCatcher;

namespace FitFolio.Tests.Mail;

/// <summary>What System.Net.Mail (the outbox's sender) puts on the wire, read back by the sink.</summary>
public sealed class SmtpSinkSystemNetMailTests : IAsyncLifetime
{
    private readonly SmtpSink _sink = new();

    public async ValueTask InitializeAsync() => await _sink.StartAsync(0, TestContext.Current.CancellationToken);

    public ValueTask DisposeAsync() => _sink.DisposeAsync();

    [Fact]
    public async Task Encoded_subject_quoted_printable_text_and_base64_html_are_decoded()
    {
        const string subject = "Dein Anmeldelink – Ünïcode ✓, and long enough that the encoder splits it into several encoded words";
        const string text = "Hallo Jürgen,\r\n.a line that starts with a dot\r\nCode: 12345678 = gültig\r\n" +
            "a long line that quoted-printable must break with a soft line break because it is far longer than seventy-six characters\r\n";
        const string html = "<p>Hallo <b>Jürgen</b> &amp; willkommen ✓</p>";
        using var message = new MailMessage("trainer@fitfolio.test", "juergen@example.test") { Subject = subject, SubjectEncoding = Encoding.UTF8 };
        message.AlternateViews.Add(View(text, MediaTypeNames.Text.Plain, TransferEncoding.QuotedPrintable));
        message.AlternateViews.Add(View(html, MediaTypeNames.Text.Html, TransferEncoding.Base64));

        await SendAsync(message);

        var received = Assert.Single(_sink.Messages);
        Assert.Equal(subject, received.Subject);
        Assert.Equal(text, received.TextBody);
        Assert.Equal(html, received.HtmlBody);
        Assert.Equal("trainer@fitfolio.test", received.EnvelopeFrom);
        Assert.Contains("=?utf-8?", Encoding.Latin1.GetString(received.Raw.Span), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Eight_bit_text_with_leading_dots_survives_dot_stuffing()
    {
        const string text = "Übung\r\n.hidden dot\r\n..two\r\n.\r\nend";
        using var message = new MailMessage("trainer@fitfolio.test", "juergen@example.test") { Subject = "dots" };
        message.AlternateViews.Add(View(text, MediaTypeNames.Text.Plain, TransferEncoding.EightBit));

        await SendAsync(message);

        Assert.Equal(text, Assert.Single(_sink.Messages).TextBody?.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task International_delivery_sends_utf8_addresses_with_smtputf8()
    {
        using var message = new MailMessage("trainer@fitfolio.test", "jürgen@example.test") { Subject = "Grüße", SubjectEncoding = Encoding.UTF8, Body = "hi" };

        await SendAsync(message, SmtpDeliveryFormat.International);

        var received = Assert.Single(_sink.Messages);
        Assert.Equal(["jürgen@example.test"], received.EnvelopeRecipients);
        Assert.Equal("Grüße", received.Subject);
        Assert.Equal("hi", received.TextBody?.TrimEnd());
    }

    [Fact]
    public async Task Waiting_for_a_message_completes_when_it_arrives_and_times_out_when_none_does()
    {
        var waiting = _sink.WaitForMessageAsync(m => m.Subject == "awaited", TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        using var message = new MailMessage("trainer@fitfolio.test", "a@example.test") { Subject = "awaited", Body = "x" };
        await SendAsync(message);

        Assert.Equal("awaited", (await waiting).Subject);
        await Assert.ThrowsAsync<TimeoutException>(() => _sink.WaitForMessageAsync(m => m.Subject == "never", TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken));
    }

    private async Task SendAsync(MailMessage message, SmtpDeliveryFormat format = SmtpDeliveryFormat.SevenBit)
    {
        using var client = new SmtpClient("127.0.0.1", _sink.Port) { DeliveryFormat = format };
        await client.SendMailAsync(message, TestContext.Current.CancellationToken);
    }

    private static AlternateView View(string body, string mediaType, TransferEncoding encoding)
    {
        var view = AlternateView.CreateAlternateViewFromString(body, Encoding.UTF8, mediaType);
        view.TransferEncoding = encoding;
        return view;
    }
}
