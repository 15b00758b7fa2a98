using System.Text;

namespace FitFolio.Grains.Mail;

/// <summary>
/// A message a sender has leased. <see cref="Attempt"/> is the row's attempt count after this claim and
/// serves as the fencing token: a sender records the outcome only if the row still has that count, so a
/// sender whose lease ran out cannot overwrite the state of the silo that took over.
/// </summary>
internal sealed record ClaimedMail(Guid Id, string Purpose, string To, string Subject, string TextBody, string HtmlBody, int Attempt)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Id = ").Append(Id).Append(", Purpose = ").Append(Purpose).Append(", Attempt = ").Append(Attempt);
        return true;
    }
}
