using System.Globalization;
using System.Text.Encodings.Web;

namespace FitFolio.Grains.Mail;

/// <summary>
/// The sign-in mail: a link and the same sign-in as an 8-digit code, both with their lifetime. Every
/// value placed in the HTML is HTML-encoded, and only http(s) links are accepted, so a value can never
/// become markup or a <c>javascript:</c> link.
/// </summary>
public static class SignInMailTemplate
{
    public const string Purpose = "sign-in";

    public const string Subject = "Your FitFolio sign-in link";

    /// <summary>The message for <paramref name="to"/>, not delivered once the link has expired.</summary>
    public static OutgoingMail Create(string to, Uri link, string code, int lifetimeMinutes) =>
        new(to, Render(link, code, lifetimeMinutes), Purpose) { ValidFor = TimeSpan.FromMinutes(lifetimeMinutes) };

    public static MailContent Render(Uri link, string code, int lifetimeMinutes)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(code);
        if (!link.IsAbsoluteUri || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The sign-in link must be an absolute http(s) URL.", nameof(link));
        }

        if (code.Length != 8 || !code.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The sign-in code must be 8 digits.", nameof(code));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(lifetimeMinutes, 1);

        // AbsoluteUri is the escaped form: no spaces or quotes, so the text link stays one clickable token.
        var url = link.AbsoluteUri;
        var lifetime = lifetimeMinutes == 1 ? "1 minute" : lifetimeMinutes.ToString(CultureInfo.InvariantCulture) + " minutes";
        var text =
            $"""
            Sign in to FitFolio

            Open this link to sign in:
            {url}

            Or enter this code on the sign-in page:

                {code}

            The link expires in {lifetime}, and so does the code.

            If you did not ask to sign in, ignore this email: nobody can sign in without the link or the code.
            """;

        var h = HtmlEncoder.Default;
        var html =
            $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{h.Encode(Subject)}</title>
            </head>
            <body style="margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933;">
            <div style="max-width:480px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px;">
            <h1 style="font-size:20px;margin:0 0 16px;">Sign in to FitFolio</h1>
            <p style="margin:0 0 24px;"><a href="{h.Encode(url)}" style="display:inline-block;background:#2563eb;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600;">Sign in</a></p>
            <p style="margin:0 0 8px;">Or enter this code on the sign-in page:</p>
            <p style="margin:0 0 24px;font-family:Menlo,Consolas,monospace;font-size:32px;font-weight:700;letter-spacing:6px;">{h.Encode(code)}</p>
            <p style="margin:0 0 8px;color:#52606d;font-size:14px;">The link expires in {h.Encode(lifetime)}, and so does the code.</p>
            <p style="margin:0 0 8px;color:#52606d;font-size:14px;">If you did not ask to sign in, ignore this email: nobody can sign in without the link or the code.</p>
            <p style="margin:16px 0 0;color:#52606d;font-size:12px;word-break:break-all;">If the button does not work, paste this address into your browser:<br>{h.Encode(url)}</p>
            </div>
            </body>
            </html>
            """;
        return new MailContent(Subject, text.ReplaceLineEndings("\r\n"), html.ReplaceLineEndings("\r\n"));
    }
}
