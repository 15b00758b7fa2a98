using MailKit.Net.Smtp;

namespace FitFolio.Grains.Mail;

/// <summary>
/// Tells a permanent refusal of a message from a failure worth retrying. RFC 5321 §4.2.1: a 5yz reply is a
/// permanent negative completion ("the same request ... should not be repeated"), a 4yz one a transient
/// failure. Only replies to this message's own commands (MAIL FROM, RCPT TO, DATA) count: a 5yz while
/// connecting or authenticating is about our configuration or the relay, not the message, and sending it
/// again once that is fixed is exactly what should happen.
/// </summary>
internal static class SmtpRefusal
{
    /// <summary>The server's status code when <paramref name="failure"/> is a permanent refusal of the message, otherwise null.</summary>
    public static int? PermanentStatus(Exception failure)
    {
        if (failure is not SmtpCommandException { ErrorCode: not SmtpErrorCode.UnexpectedStatusCode } refusal)
        {
            return null;
        }

        var status = (int)refusal.StatusCode;
        // 530 (authentication required, RFC 4954 §6) and 534/538 (mechanism too weak, encryption required)
        // answer MAIL FROM when our AUTH or TLS settings are wrong: a configuration fix sends the message.
        return status is >= 500 and < 600 and not 530 and not 534 and not 538 ? status : null;
    }
}
