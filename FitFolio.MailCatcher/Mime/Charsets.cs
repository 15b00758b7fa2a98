using System.Text;

namespace FitFolio.MailCatcher.Mime;

internal static class Charsets
{
    /// <summary>
    /// The decoder for a MIME charset name. US-ASCII and unknown charsets decode as UTF-8: it is a superset
    /// of ASCII and what a mislabelled 8-bit body most likely is.
    /// </summary>
    public static Encoding For(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset)
            || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            || charset.Equals("ascii", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8;
        }

        try
        {
            return Encoding.GetEncoding(charset.Trim());
        }
        catch (ArgumentException)
        {
            return Encoding.UTF8;
        }
    }
}
