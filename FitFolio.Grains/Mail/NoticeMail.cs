using System.Text;
using System.Text.Encodings.Web;

namespace FitFolio.Grains.Mail;

/// <summary>
/// The shape every account notice shares: a heading, short paragraphs and at most one button, as
/// plain text and as HTML. Every value is HTML-encoded and only absolute http(s) links are
/// accepted, so nothing a person typed (a device name, an address) can become markup.
/// </summary>
public static class NoticeMail
{
    public static MailContent Render(string subject, string heading, IReadOnlyList<string> paragraphs, (string Label, Uri Url)? button = null)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        if (button is { Url: var url } && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            throw new ArgumentException("Links in mail must be absolute http(s) URLs.", nameof(button));
        }

        var text = new StringBuilder().Append(heading).Append("\n\n");
        var h = HtmlEncoder.Default;
        var html = new StringBuilder()
            .Append(
                "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(h.Encode(subject)).Append("</title>\n</head>\n")
            .Append(
                "<body style=\"margin:0;padding:24px;background:#f4f5f7;font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1f2933;\">\n")
            .Append("<div style=\"max-width:480px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px;\">\n")
            .Append("<h1 style=\"font-size:20px;margin:0 0 16px;\">").Append(h.Encode(heading)).Append("</h1>\n");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
            html.Append("<p style=\"margin:0 0 16px;\">").Append(h.Encode(paragraph)).Append("</p>\n");
        }

        if (button is { } b)
        {
            var link = b.Url.AbsoluteUri;
            text.Append(b.Label).Append(":\n").Append(link).Append("\n\n");
            html.Append("<p style=\"margin:8px 0 24px;\"><a href=\"").Append(h.Encode(link))
                .Append(
                    "\" style=\"display:inline-block;background:#2563eb;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600;\">")
                .Append(h.Encode(b.Label)).Append("</a></p>\n")
                .Append(
                    "<p style=\"margin:16px 0 0;color:#52606d;font-size:12px;word-break:break-all;\">If the button does not work, paste this address into your browser:<br>")
                .Append(h.Encode(link)).Append("</p>\n");
        }

        html.Append("</div>\n</body>\n</html>\n");
        return new MailContent(subject, text.ToString().TrimEnd().ReplaceLineEndings("\r\n") + "\r\n", html.ToString().ReplaceLineEndings("\r\n"));
    }
}
