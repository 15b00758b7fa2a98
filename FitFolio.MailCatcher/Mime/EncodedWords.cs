using System.Text;
using System.Text.RegularExpressions;

namespace FitFolio.MailCatcher.Mime;

/// <summary>Decodes RFC 2047 encoded words (<c>=?utf-8?B?...?=</c>, <c>=?iso-8859-1?Q?...?=</c>) in header values.</summary>
internal static partial class EncodedWords
{
    [GeneratedRegex(@"=\?(?<charset>[^?\s]+)\?(?<encoding>[BbQq])\?(?<text>[^?\s]*)\?=")]
    private static partial Regex EncodedWord();

    public static string Decode(string value)
    {
        var result = new StringBuilder(value.Length);
        var pending = new List<byte>();
        string? pendingCharset = null;
        var last = 0;
        foreach (Match match in EncodedWord().Matches(value))
        {
            var between = value[last..match.Index];
            // RFC 2047 §6.2: white space between adjacent encoded words is not displayed.
            if (pendingCharset is null || !string.IsNullOrWhiteSpace(between))
            {
                Flush();
                result.Append(between);
            }

            last = match.Index + match.Length;
            var charset = match.Groups["charset"].Value.Split('*')[0];
            var bytes = DecodeText(match.Groups["text"].Value, char.ToUpperInvariant(match.Groups["encoding"].Value[0]));
            if (bytes is null)
            {
                Flush();
                result.Append(match.Value);
                continue;
            }

            // Encoders may split one character's bytes across two words, so adjacent words in one
            // charset are joined before decoding rather than decoded one by one.
            if (pendingCharset is not null && !string.Equals(pendingCharset, charset, StringComparison.OrdinalIgnoreCase))
            {
                Flush();
            }

            pendingCharset = charset;
            pending.AddRange(bytes);
        }

        Flush();
        result.Append(value[last..]);
        return result.ToString();

        void Flush()
        {
            if (pendingCharset is not null)
            {
                result.Append(Charsets.For(pendingCharset).GetString([.. pending]));
                pending.Clear();
                pendingCharset = null;
            }
        }
    }

    private static byte[]? DecodeText(string text, char encoding)
    {
        if (encoding == 'B')
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        // The Q encoding (RFC 2047 §4.2): "_" is a space, "=XX" a byte.
        var bytes = new List<byte>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add((byte)((Uri.FromHex(text[i + 1]) << 4) | Uri.FromHex(text[i + 2])));
                i += 2;
            }
            else if (text[i] < 128)
            {
                bytes.Add((byte)text[i]);
            }
            else
            {
                return null;
            }
        }

        return [.. bytes];
    }
}
