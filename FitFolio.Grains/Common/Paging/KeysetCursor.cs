using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace FitFolio.Grains.Common.Paging;

/// <summary>
/// An opaque keyset position: the sort time and id of the last row shown. Paging by position
/// rather than offset stays fast and stable while rows are added. Anything that does not decode
/// exactly is refused, never passed to SQL.
/// </summary>
public readonly record struct KeysetCursor(DateTimeOffset At, string Id)
{
    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{Id}"));

    public static bool TryDecode(string? value, out KeysetCursor cursor)
    {
        cursor = default;
        if (string.IsNullOrEmpty(value) || value.Length > 200 || !Base64Url.IsValid(value))
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var id = text[(bar + 1)..];
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return false;
        }

        cursor = new KeysetCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
