using System.Text;

namespace FitFolio.Grains.Training.Import;

/// <summary>
/// Turns an uploaded file into text. UTF-8 (with or without BOM) is what Strong and Hevy write;
/// UTF-16 with a BOM is accepted too because spreadsheets save "Unicode text" that way and the BOM
/// makes it unambiguous. Anything else that is not valid UTF-8, and anything with NUL characters
/// (a binary file, or UTF-16 without BOM), is refused rather than guessed at.
/// </summary>
public static class ImportText
{
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string? problem)
    {
        text = "";
        problem = null;
        Encoding encoding;
        var skip = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
            skip = 3;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encoding = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
            skip = 2;
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encoding = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);
            skip = 2;
        }
        else
        {
            encoding = new UTF8Encoding(false, throwOnInvalidBytes: true);
        }

        try
        {
            text = encoding.GetString(bytes[skip..]);
        }
        catch (DecoderFallbackException)
        {
            problem = "The file is not UTF-8 text (UTF-16 is accepted only with a byte order mark). Export it again as UTF-8 CSV.";
            return false;
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            problem = "The file contains NUL characters: it is binary, or UTF-16 without a byte order mark.";
            return false;
        }

        return true;
    }
}
