using FitFolio.Grains.Mail;
using MailKit.Net.Smtp;

namespace FitFolio.Tests.Mail;

/// <summary>Which failures end a message at once: 5yz answers to its own commands, bar the ones that mean "fix the configuration".</summary>
public sealed class SmtpRefusalTests
{
    [Theory]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 550, 550)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 553, 553)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 553, 553)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 554, 554)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 552, 552)]
    [InlineData(SmtpErrorCode.RecipientNotAccepted, 450, null)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 451, null)]
    [InlineData(SmtpErrorCode.MessageNotAccepted, 452, null)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 530, null)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 534, null)]
    [InlineData(SmtpErrorCode.SenderNotAccepted, 538, null)]
    [InlineData(SmtpErrorCode.UnexpectedStatusCode, 554, null)]
    public void Only_a_permanent_reply_to_the_messages_own_commands_is_final(SmtpErrorCode error, int status, int? expected)
    {
        var failure = new SmtpCommandException(error, (SmtpStatusCode)status, "reply");

        Assert.Equal(expected, SmtpRefusal.PermanentStatus(failure));
    }

    [Fact]
    public void Failures_without_an_smtp_reply_are_never_final()
    {
        Assert.Null(SmtpRefusal.PermanentStatus(new TimeoutException()));
        Assert.Null(SmtpRefusal.PermanentStatus(new SmtpProtocolException("dropped")));
        Assert.Null(SmtpRefusal.PermanentStatus(new MailKit.Security.AuthenticationException("535 5.7.8 bad credentials")));
    }
}
