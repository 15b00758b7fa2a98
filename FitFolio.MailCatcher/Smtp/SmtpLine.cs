namespace FitFolio.MailCatcher.Smtp;

/// <summary>
/// One line as received, without its terminator. <see cref="EndsWithCrLf"/> is kept because only
/// CRLF ends a line in SMTP: treating a bare LF as one is what SMTP smuggling exploits.
/// </summary>
internal sealed record SmtpLine(byte[] Content, bool EndsWithCrLf, bool TooLong);
