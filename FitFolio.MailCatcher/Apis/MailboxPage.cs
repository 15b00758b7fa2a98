using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace FitFolio.MailCatcher.Apis;

/// <summary>
/// The mailbox a developer reads sign-in mail in: messages newest first, one shown at a time. Every
/// value from a message is HTML-encoded; a message's HTML body is shown in a sandboxed <c>srcdoc</c>
/// iframe (no scripts, no same-origin access), with links opening in a new tab so a sign-in link works.
/// </summary>
public static class MailboxPage
{
    // The page itself runs no script; mail HTML inherits this policy inside its srcdoc frame.
    private const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IEndpointRouteBuilder MapMailboxPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (long? id, SmtpSink sink, HttpContext context) =>
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                context.Response.Headers.XContentTypeOptions = "nosniff";
                // Sign-in links are secrets; do not leak the page URL (or theirs) to other origins.
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Results.Content(Render(sink, id), "text/html; charset=utf-8");
            })
            .WithName("Mailbox")
            .WithSummary("The mailbox page: messages newest first, the selected (or newest) one shown.")
            .ExcludeFromDescription();
        return app;
    }

    internal static string Render(SmtpSink sink, long? selectedId)
    {
        var messages = sink.Messages.Reverse().ToList();
        var selected = selectedId is { } id ? messages.Find(message => message.Id == id) : messages.FirstOrDefault();
        var html = new StringBuilder();
        html.Append(
            """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FitFolio mailbox</title>
            <style>
            body{margin:0;font:15px/1.45 system-ui,sans-serif;color:#1f2933;background:#f4f5f7}
            header{padding:12px 20px;background:#1f2933;color:#fff}header a{color:#cbd2d9}
            main{display:grid;grid-template-columns:minmax(240px,1fr) 3fr;gap:16px;padding:16px}
            nav ol{list-style:none;margin:0;padding:0}nav li a{display:block;padding:10px;border-radius:6px;color:inherit;text-decoration:none;background:#fff;margin-bottom:6px}
            nav li a[aria-current]{outline:2px solid #2563eb}nav small{color:#52606d;display:block}
            article{background:#fff;border-radius:8px;padding:16px 20px;min-width:0}
            dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px}dt{color:#52606d}dd{margin:0;overflow-wrap:anywhere}
            pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f4f5f7;padding:12px;border-radius:6px}
            iframe{width:100%;height:60vh;border:1px solid #cbd2d9;border-radius:6px;background:#fff}
            </style>
            </head>
            <body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<header><strong>FitFolio mailbox</strong> · {messages.Count} message(s) · SMTP on port {Port(sink)} · <a href=\"/\">refresh</a> · <a href=\"/api/messages\">JSON</a></header>\n<main>\n<nav><ol>\n");
        foreach (var message in messages)
        {
            var current = message == selected ? " aria-current=\"true\"" : "";
            html.Append(CultureInfo.InvariantCulture, $"<li><a href=\"/?id={message.Id}\"{current}>{Encode(message.Subject ?? "(no subject)")}<small>{Encode(message.To ?? string.Join(", ", message.EnvelopeRecipients))} · {Encode(Time(message))}</small></a></li>\n");
        }

        html.Append("</ol></nav>\n<article>\n");
        if (selected is null)
        {
            html.Append("<p>No messages yet. Mail sent to this catcher's SMTP port appears here.</p>\n");
        }
        else
        {
            AppendMessage(html, selected);
        }

        html.Append("</article>\n</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendMessage(StringBuilder html, ReceivedMessage message)
    {
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(message.Subject ?? "(no subject)")}</h1>\n<dl>\n");
        AppendField(html, "From", message.From ?? message.EnvelopeFrom);
        AppendField(html, "To", message.To ?? string.Join(", ", message.EnvelopeRecipients));
        AppendField(html, "Date", message.Header("Date") ?? Time(message));
        AppendField(html, "Message-ID", message.MessageId ?? "");
        html.Append(CultureInfo.InvariantCulture, $"<dt>Source</dt><dd><a href=\"/api/messages/{message.Id}/raw\">raw</a></dd>\n</dl>\n");
        if (message.HtmlBody is { } body)
        {
            // srcdoc is an attribute: the whole document is attribute-encoded, so it cannot close the iframe.
            var document = "<base target=\"_blank\">" + body;
            html.Append(CultureInfo.InvariantCulture, $"<h2>HTML</h2>\n<iframe title=\"HTML body\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\" referrerpolicy=\"no-referrer\" srcdoc=\"{Encode(document)}\"></iframe>\n");
        }

        if (message.TextBody is { } text)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h2>Text</h2>\n<pre>{Encode(text)}</pre>\n");
        }
    }

    private static void AppendField(StringBuilder html, string name, string value) =>
        html.Append(CultureInfo.InvariantCulture, $"<dt>{name}</dt><dd>{Encode(value)}</dd>\n");

    private static string Time(ReceivedMessage message) =>
        message.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Port(SmtpSink sink) =>
        sink.IsListening ? sink.Port.ToString(CultureInfo.InvariantCulture) : "(stopped)";

    private static string Encode(string value) => HtmlEncoder.Default.Encode(value);
}
