using MimeKit;
using MimeKit.Text;

namespace FitFolio.Grains.Mail;

/// <summary>
/// Builds the MIME message for a claimed row with MimeKit: multipart/alternative, text then HTML (the
/// preferred last, RFC 2046 §5.1.4), both UTF-8 and quoted-printable, DKIM-signed when configured.
/// </summary>
internal sealed class MessageComposer
{
    private readonly MailboxAddress _from;
    private readonly DkimMessageSigner? _signer;

    public MessageComposer(MailOptions options)
    {
        _from = MailboxAddress.Parse(options.From);
        _signer = options.Dkim.IsConfigured ? new DkimMessageSigner(options.Dkim) : null;
    }

    public MimeMessage Compose(ClaimedMail mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = DateTimeOffset.UtcNow,
            // Stable across retries: if a send was accepted but not recorded and so goes out again, the
            // receiving side can tell the copies are one message.
            MessageId = $"{mail.Id:N}@{_from.Domain}",
            Body = new MultipartAlternative { Part(TextFormat.Plain, mail.TextBody), Part(TextFormat.Html, mail.HtmlBody) },
        };
        message.From.Add(_from);
        message.To.Add(MailboxAddress.Parse(mail.To));
        // RFC 3834: an automatic message; vacation responders should not answer it.
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-FitFolio-Purpose", mail.Purpose);
        _signer?.Sign(message);
        return message;
    }

    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        // Quoted-printable keeps mostly-ASCII content readable on the wire and within line-length limits.
        part.SetText("utf-8", body);
        return part;
    }
}
