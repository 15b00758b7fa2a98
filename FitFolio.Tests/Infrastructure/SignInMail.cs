using System.Text.RegularExpressions;
using FitFolio.Grains.Mail;
using FitFolio.MailCatcher;

namespace FitFolio.Tests.Infrastructure;

/// <summary>Reads the link token and the code out of a received sign-in mail, as a person would.</summary>
public static partial class SignInMail
{
    [GeneratedRegex(@"#token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex Token();

    [GeneratedRegex(@"^\s+(?<code>\d{8})\s*$", RegexOptions.Multiline)]
    private static partial Regex Code();

    [GeneratedRegex(@"/account/email/confirm#token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex EmailChangeToken();

    public static string TokenOf(ReceivedMessage message) => Token().Match(message.TextBody!).Groups["token"].Value;

    /// <summary>The token of the link mailed to a new address to confirm an email change.</summary>
    public static string EmailChangeTokenOf(ReceivedMessage message) => EmailChangeToken().Match(message.TextBody!).Groups["token"].Value;

    public static string CodeOf(ReceivedMessage message) => Code().Match(message.TextBody!).Groups["code"].Value;

    /// <summary>How many sign-in mails <paramref name="to"/> has received so far.</summary>
    public static int SignInMailsTo(this SmtpSink sink, string to) =>
        sink.Messages.Count(m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject == SignInMailTemplate.Subject);

    /// <summary>The <paramref name="nth"/> sign-in mail to <paramref name="to"/>; other notices (a new-device alert) are not counted.</summary>
    public static Task<ReceivedMessage> WaitForAsync(this SmtpSink sink, string to, int nth = 1) =>
        sink.WaitForAsync(to, SignInMailTemplate.Subject, nth);

    /// <summary>The <paramref name="nth"/> mail to <paramref name="to"/> with this subject.</summary>
    public static Task<ReceivedMessage> WaitForAsync(this SmtpSink sink, string to, string subject, int nth = 1) =>
        sink.WaitForMessagesAsync(nth, m => m.EnvelopeRecipients.Contains(to, StringComparer.OrdinalIgnoreCase) && m.Subject == subject, TimeSpan.FromSeconds(30))
            .ContinueWith(t => t.Result[nth - 1], TaskScheduler.Default);
}
