namespace FitFolio.MailCatcher.Mime;

/// <summary>
/// A parsed <c>Content-Type</c> or <c>Content-Disposition</c> value (RFC 2045 §5.1): the lower-cased
/// leading token and its parameters, quoted strings unquoted.
/// </summary>
internal sealed record ContentType(string Value, IReadOnlyDictionary<string, string> Parameters)
{
    // RFC 2045 §5.2: a body without Content-Type is US-ASCII plain text.
    public static ContentType Default { get; } = new("text/plain", new Dictionary<string, string>());

    public string? Charset => Parameters.GetValueOrDefault("charset");

    public string? Boundary => Parameters.GetValueOrDefault("boundary");

    public static ContentType Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return Default;
        }

        var segments = SplitOutsideQuotes(header);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var segment in segments.Skip(1))
        {
            var equals = segment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            parameters.TryAdd(segment[..equals].Trim(), Unquote(segment[(equals + 1)..].Trim()));
        }

        return new ContentType(segments[0].Trim().ToLowerInvariant(), parameters);
    }

    private static List<string> SplitOutsideQuotes(string header)
    {
        var segments = new List<string>();
        var start = 0;
        var quoted = false;
        for (var i = 0; i < header.Length; i++)
        {
            switch (header[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ';' when !quoted:
                    segments.Add(header[start..i]);
                    start = i + 1;
                    break;
            }
        }

        segments.Add(header[start..]);
        return segments;
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }

        var unquoted = new System.Text.StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }

            unquoted.Append(value[i]);
        }

        return unquoted.ToString();
    }
}
