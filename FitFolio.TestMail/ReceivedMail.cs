using System.Text;
using MimeKit;

namespace FitFolio.TestMail;

/// <summary>
/// A message as a mailbox received it: the SMTP envelope (who the sending server named in MAIL FROM and
/// RCPT TO) and the message MimeKit parsed from the bytes that arrived.
/// </summary>
public sealed record ReceivedMail(string Id, string? EnvelopeFrom, IReadOnlyList<string> EnvelopeRecipients, MimeMessage Message)
{
    public string Subject => Message.Subject ?? "";

    /// <summary>The From header as sent, display name included.</summary>
    public string From => Message.Headers[HeaderId.From] ?? "";

    /// <summary>The first To address.</summary>
    public string? To => Message.To.Mailboxes.FirstOrDefault()?.Address;

    /// <summary>The Message-ID without its angle brackets.</summary>
    public string? MessageId => Message.MessageId;

    public string? TextBody => Message.TextBody;

    public string? HtmlBody => Message.HtmlBody;

    /// <summary>The first header of that name, decoded, or null. MIME headers (Content-Type) live on the body entity in MimeKit.</summary>
    public string? Header(string name) => Message.Headers[name] ?? Message.Body?.Headers[name];

    public bool IsTo(string address) => EnvelopeRecipients.Contains(address, StringComparer.OrdinalIgnoreCase);

    // Bodies carry sign-in links and codes; a failed assertion that prints the record shows no more than this.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Subject = ").Append(Subject).Append(", EnvelopeRecipients = ").AppendJoin(", ", EnvelopeRecipients);
        return true;
    }
}
