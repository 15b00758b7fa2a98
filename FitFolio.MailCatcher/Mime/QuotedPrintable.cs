namespace FitFolio.MailCatcher.Mime;

/// <summary>Decodes quoted-printable (RFC 2045 §6.7), leniently: malformed escapes are kept as literal text.</summary>
internal static class QuotedPrintable
{
    /// <param name="text">The encoded body, one char per byte (Latin-1).</param>
    public static byte[] Decode(string text)
    {
        var output = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '=')
            {
                output.Add((byte)c);
                continue;
            }

            if (i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                output.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
                continue;
            }

            // A soft line break: "=" then optional transport padding, then the end of the line.
            var next = i + 1;
            while (next < text.Length && text[next] is ' ' or '\t')
            {
                next++;
            }

            if (next == text.Length)
            {
                i = next;
            }
            else if (text[next] == '\n')
            {
                i = next;
            }
            else if (text[next] == '\r' && next + 1 < text.Length && text[next + 1] == '\n')
            {
                i = next + 1;
            }
            else
            {
                output.Add((byte)'=');
            }
        }

        return [.. output];
    }
}
