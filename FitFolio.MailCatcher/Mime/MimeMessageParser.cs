using System.Text;

namespace FitFolio.MailCatcher.Mime;

/// <summary>
/// Reads the parts of a message a person wants to see: header fields (RFC 5322, RFC 2047) and the first
/// text and HTML bodies, through multipart nesting (RFC 2046) and base64 or quoted-printable transfer
/// encoding. Total on any input: a malformed message yields what could be read, never an exception.
/// </summary>
internal static class MimeMessageParser
{
    // Deep enough for mixed > related > alternative; bounded so a hostile message cannot recurse forever.
    private const int MaxDepth = 8;

    public static ParsedMessage Parse(byte[] raw)
    {
        // Latin-1 maps each byte to one char and back, so the structure can be parsed as text while the
        // bytes stay intact for decoding in each part's own charset.
        var (headerBlock, body) = SplitHeaderAndBody(Encoding.Latin1.GetString(raw));
        var rawHeaders = ReadHeaders(headerBlock);
        var headers = rawHeaders
            .Select(header => new MessageHeader(header.Name, DecodeHeaderValue(header.Value)))
            .ToList();

        var bodies = new Bodies();
        Collect(rawHeaders, body, 0, bodies);
        return new ParsedMessage(headers, bodies.Text, bodies.Html);
    }

    internal static (string Headers, string Body) SplitHeaderAndBody(string entity)
    {
        if (entity.StartsWith("\r\n", StringComparison.Ordinal))
        {
            return ("", entity[2..]);
        }

        if (entity.StartsWith('\n'))
        {
            return ("", entity[1..]);
        }

        var crLf = entity.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var lf = entity.IndexOf("\n\n", StringComparison.Ordinal);
        if (crLf >= 0 && (lf < 0 || crLf < lf))
        {
            return (entity[..crLf], entity[(crLf + 4)..]);
        }

        return lf >= 0 ? (entity[..lf], entity[(lf + 2)..]) : (entity, "");
    }

    internal static List<RawHeader> ReadHeaders(string block)
    {
        var headers = new List<RawHeader>();
        foreach (var rawLine in block.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            // Unfolding (RFC 5322 §2.2.3): a line starting with white space continues the field above.
            if (line[0] is ' ' or '\t')
            {
                if (headers.Count > 0)
                {
                    headers[^1] = headers[^1] with { Value = headers[^1].Value + line };
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || line[..colon].Any(c => c <= ' ' || c > '~'))
            {
                continue;
            }

            headers.Add(new RawHeader(line[..colon], line[(colon + 1)..].Trim()));
        }

        return headers;
    }

    private static string DecodeHeaderValue(string latin1) =>
        // Raw 8-bit header bytes are UTF-8 when the client used SMTPUTF8 (RFC 6532).
        EncodedWords.Decode(Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(latin1)));

    private static void Collect(List<RawHeader> headers, string body, int depth, Bodies bodies)
    {
        var contentType = ContentType.Parse(Find(headers, "Content-Type"));
        if (contentType.Value.StartsWith("multipart/", StringComparison.Ordinal))
        {
            if (contentType.Boundary is { Length: > 0 } boundary && depth < MaxDepth)
            {
                foreach (var part in SplitMultipart(body, boundary))
                {
                    var (partHeaders, partBody) = SplitHeaderAndBody(part);
                    Collect(ReadHeaders(partHeaders), partBody, depth + 1, bodies);
                }
            }

            return;
        }

        if (ContentType.Parse(Find(headers, "Content-Disposition")).Value == "attachment")
        {
            return;
        }

        if (contentType.Value == "text/plain" && bodies.Text is null)
        {
            bodies.Text = DecodeBody(headers, body, contentType);
        }
        else if (contentType.Value == "text/html" && bodies.Html is null)
        {
            bodies.Html = DecodeBody(headers, body, contentType);
        }
    }

    /// <summary>The body parts between <c>--boundary</c> lines (RFC 2046 §5.1.1); preamble and epilogue are dropped.</summary>
    internal static List<string> SplitMultipart(string body, string boundary)
    {
        var delimiter = "--" + boundary;
        var parts = new List<string>();
        int? partStart = null;
        var position = 0;
        while (position <= body.Length)
        {
            var lineEnd = body.IndexOf('\n', position);
            var end = lineEnd < 0 ? body.Length : lineEnd;
            var line = body[position..end].TrimEnd('\r', ' ', '\t');
            var closing = line == delimiter + "--";
            if (closing || line == delimiter)
            {
                if (partStart is { } start)
                {
                    // The line break before a delimiter belongs to the delimiter, not to the part.
                    var partEnd = position;
                    if (partEnd > start && body[partEnd - 1] == '\n')
                    {
                        partEnd--;
                    }

                    if (partEnd > start && body[partEnd - 1] == '\r')
                    {
                        partEnd--;
                    }

                    parts.Add(body[start..Math.Max(start, partEnd)]);
                }

                if (closing)
                {
                    return parts;
                }

                partStart = end + 1;
            }

            if (lineEnd < 0)
            {
                break;
            }

            position = lineEnd + 1;
        }

        // No closing delimiter: keep the last part as it stands rather than lose it.
        if (partStart is { } last && last <= body.Length)
        {
            parts.Add(body[last..]);
        }

        return parts;
    }

    private static string DecodeBody(List<RawHeader> headers, string body, ContentType contentType)
    {
        var bytes = Find(headers, "Content-Transfer-Encoding")?.Trim().ToLowerInvariant() switch
        {
            "base64" => DecodeBase64(body),
            "quoted-printable" => QuotedPrintable.Decode(body),
            _ => Encoding.Latin1.GetBytes(body),
        };
        return Charsets.For(contentType.Charset).GetString(bytes);
    }

    private static byte[] DecodeBase64(string body)
    {
        try
        {
            return Convert.FromBase64String(string.Concat(body.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException)
        {
            return Encoding.Latin1.GetBytes(body);
        }
    }

    private static string? Find(List<RawHeader> headers, string name) =>
        headers.Find(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))?.Value;

    private sealed class Bodies
    {
        public string? Text { get; set; }

        public string? Html { get; set; }
    }
}
