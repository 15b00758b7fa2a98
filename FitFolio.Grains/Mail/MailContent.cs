using System.Text;

namespace FitFolio.Grains.Mail;

/// <summary>What a message says: a subject and the same content as plain text and as HTML.</summary>
public sealed record MailContent(string Subject, string TextBody, string HtmlBody)
{
    // Bodies carry sign-in links and codes; a record printed into a log line must not reveal them.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Subject = ").Append(Subject).Append(", TextBody = (redacted), HtmlBody = (redacted)");
        return true;
    }
}
