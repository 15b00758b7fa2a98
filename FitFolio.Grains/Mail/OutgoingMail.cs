using System.Text;

namespace FitFolio.Grains.Mail;

/// <summary>
/// A message to put in the outbox. <see cref="Purpose"/> is a short lower-case tag (<c>sign-in</c>) kept
/// with the row for operators; <see cref="ValidFor"/>, when set, is how long after enqueueing the message
/// is still worth delivering.
/// </summary>
public sealed record OutgoingMail(string To, MailContent Content, string Purpose)
{
    public TimeSpan? ValidFor { get; init; }

    // Printed into a log line, the message shows no more of the recipient than the sender's logs do.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("To = (recipient at ").Append(MailAddresses.DomainOf(To)).Append("), Content = ").Append(Content)
            .Append(", Purpose = ").Append(Purpose).Append(", ValidFor = ").Append(ValidFor);
        return true;
    }
}
