using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;

namespace FitFolio.Grains.Mail;

/// <summary>
/// The text stored in <c>mail_outbox.last_error</c>: exception types, SMTP status codes and socket errors
/// with their messages. These come from the runtime or the SMTP server's reply line, never from the
/// message, so no body (no sign-in secret) reaches the column or the log. Servers do echo the recipient
/// (<c>550 5.1.1 &lt;ada@example.test&gt;: Recipient address rejected</c>), so it is masked, as is the SMTP
/// password should a server ever repeat it.
/// </summary>
internal static class FailureDescription
{
    private const int MaxLength = 1000;

    public static string Describe(Exception exception, string recipient, string? smtpPassword)
    {
        var text = new StringBuilder();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (text.Length > 0)
            {
                text.Append(" <- ");
            }

            text.Append(current.GetType().Name);
            switch (current)
            {
                case SmtpCommandException smtp:
                    text.Append(" (").Append((int)smtp.StatusCode).Append(' ').Append(smtp.ErrorCode).Append(')');
                    break;
                case SocketException socket:
                    text.Append(" (").Append(socket.SocketErrorCode).Append(')');
                    break;
            }

            text.Append(": ").Append(current.Message.ReplaceLineEndings(" ").Trim());
        }

        var description = text.ToString().Replace(recipient, "(recipient)", StringComparison.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(smtpPassword))
        {
            description = description.Replace(smtpPassword, "***", StringComparison.Ordinal);
        }

        return description.Length <= MaxLength ? description : description[..MaxLength];
    }
}
