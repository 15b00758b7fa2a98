namespace FitFolio.MailCatcher.Smtp;

/// <summary>Parses the argument of MAIL FROM and RCPT TO: a path in angle brackets, then ESMTP parameters (RFC 5321 §4.1.2).</summary>
internal static class SmtpPath
{
    /// <summary>
    /// Splits <c>FROM:&lt;a@b&gt; SIZE=10</c> into the mailbox and its parameters; false on a syntax error.
    /// A source route (<c>&lt;@relay:a@b&gt;</c>, obsolete but legal) is dropped.
    /// </summary>
    public static bool TryParse(string argument, string keyword, out string mailbox, out Dictionary<string, string?> parameters)
    {
        mailbox = "";
        parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!argument.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // Some clients write "MAIL FROM: <a@b>"; RFC 5321 has no space there, but refusing it helps nobody.
        var rest = argument[keyword.Length..].TrimStart();
        if (!rest.StartsWith('<'))
        {
            return false;
        }

        var close = ClosingBracket(rest);
        if (close < 0)
        {
            return false;
        }

        var path = rest[1..close];
        if (path.StartsWith('@'))
        {
            var colon = path.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                return false;
            }

            path = path[(colon + 1)..];
        }

        if (path.Any(c => char.IsControl(c) || c == ' ') && !path.Contains('"', StringComparison.Ordinal))
        {
            return false;
        }

        mailbox = path;
        foreach (var parameter in rest[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameter : parameter[..equals];
            if (name.Length == 0)
            {
                return false;
            }

            parameters[name] = equals < 0 ? null : parameter[(equals + 1)..];
        }

        return true;
    }

    private static int ClosingBracket(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case '>' when !quoted:
                    return i;
            }
        }

        return -1;
    }
}
