using System.Net;
using System.Text.RegularExpressions;
using FitFolio.Grains.Mail;
using FitFolio.TestMail;

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

    public static string TokenOf(ReceivedMail message) => Token().Match(message.TextBody!).Groups["token"].Value;

    /// <summary>The token of the link mailed to a new address to confirm an email change.</summary>
    public static string EmailChangeTokenOf(ReceivedMail message) => EmailChangeToken().Match(message.TextBody!).Groups["token"].Value;

    public static string CodeOf(ReceivedMail message) => Code().Match(message.TextBody!).Groups["code"].Value;

    /// <summary>How many sign-in mails <paramref name="to"/> has received so far.</summary>
    public static int SignInMailsTo(this TestMailbox mailbox, string to) =>
        mailbox.Messages.Count(m => m.IsTo(to) && m.Subject == SignInMailTemplate.Subject);

    /// <summary>The <paramref name="nth"/> sign-in mail to <paramref name="to"/>; other notices (a new-device alert) are not counted.</summary>
    public static Task<ReceivedMail> WaitForAsync(this TestMailbox mailbox, string to, int nth = 1) =>
        mailbox.WaitForAsync(to, SignInMailTemplate.Subject, nth);

    /// <summary>Signs <paramref name="client"/> in as <paramref name="email"/> by the link this mailbox receives.</summary>
    public static async Task SignInAsync(this TestMailbox mailbox, ApiClient client, string email)
    {
        await client.PrimeAsync();
        var before = mailbox.SignInMailsTo(email);
        var start = await client.PostAsync("/api/v1/auth/magic-link/start", new { email });
        Assert.True(start.Status == HttpStatusCode.Accepted, $"magic-link/start answered {(int)start.Status}: {start.Text}");
        var token = TokenOf(await mailbox.WaitForAsync(email, before + 1));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).Status);
    }

    /// <summary>The <paramref name="nth"/> mail to <paramref name="to"/> with this subject.</summary>
    public static async Task<ReceivedMail> WaitForAsync(this TestMailbox mailbox, string to, string subject, int nth = 1) =>
        (await mailbox.WaitForMessagesAsync(nth, m => m.IsTo(to) && m.Subject == subject, TimeSpan.FromSeconds(30)))[nth - 1];
}
