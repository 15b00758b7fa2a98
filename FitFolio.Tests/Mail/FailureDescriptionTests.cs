using System.Net.Sockets;
using FitFolio.Grains.Mail;
using MailKit.Net.Smtp;

namespace FitFolio.Tests.Mail;

public sealed class FailureDescriptionTests
{
    [Fact]
    public void The_description_names_each_cause_with_its_smtp_or_socket_code()
    {
        var failure = new SmtpProtocolException(
            "The SMTP server has unexpectedly disconnected.", new IOException("Unable to read data", new SocketException((int)SocketError.ConnectionReset)));

        var description = FailureDescription.Describe(failure, "ada@example.test", smtpPassword: null);

        Assert.StartsWith(
            "SmtpProtocolException: The SMTP server has unexpectedly disconnected. <- IOException: Unable to read data <- SocketException (ConnectionReset): ",
            description,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_recipient_or_password_echoed_by_the_server_is_masked()
    {
        var failure = new SmtpCommandException(
            SmtpErrorCode.RecipientNotAccepted,
            SmtpStatusCode.MailboxUnavailable,
            "5.1.1 <private.person@example.test>: Recipient address rejected; auth was hunter2");

        var description = FailureDescription.Describe(failure, "private.person@example.test", "hunter2");

        Assert.DoesNotContain("private.person", description, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hunter2", description, StringComparison.Ordinal);
        Assert.Contains("(recipient)", description, StringComparison.Ordinal);
        Assert.StartsWith("SmtpCommandException (550 RecipientNotAccepted): 5.1.1 ", description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_description_is_cut_to_fit_the_column()
    {
        var description = FailureDescription.Describe(new InvalidOperationException(new string('x', 5000)), "a@example.test", null);

        Assert.Equal(1000, description.Length);
    }
}
