using System.Globalization;

namespace FitFolio.Grains.Training.Import;

/// <summary>Reading the times of another app's CSV: local times, workout durations, and a workout's identity.</summary>
internal static class ImportFields
{
    /// <summary>The longest workout an import believes; a longer duration is read as none.</summary>
    public static readonly TimeSpan MaxWorkoutLength = TimeSpan.FromDays(1);

    /// <summary>A local time in <paramref name="zone"/> (the apps write no offset) as UTC.</summary>
    public static bool TryLocalTime(string raw, string[] formats, TimeZoneInfo zone, out DateTimeOffset time)
    {
        time = default;
        // Newer exports put a narrow no-break space before AM/PM.
        var text = raw.Trim().Replace('\u202f', ' ').Replace('\u00a0', ' ');
        try
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) && HasOffset(text))
            {
                time = withOffset.ToUniversalTime();
                return true;
            }

            if (!DateTime.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
            {
                return false;
            }

            var offset = zone.IsInvalidTime(local) ? zone.BaseUtcOffset : zone.GetUtcOffset(local);
            time = new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // 0001-01-01 east of UTC or 9999-12-31 west of it: no instant a DateTimeOffset can hold.
            return false;
        }
    }

    /// <summary>
    /// A workout's length: Strong's "1h 5m", "45m", "30s", or plain seconds (the 2025 layout's
    /// <c>Duration (sec)</c>, artefacts and all). Null when empty, unreadable or over a day.
    /// </summary>
    public static TimeSpan? Duration(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (ImportNumbers.TryWhole(text, out var seconds))
        {
            return seconds is { } plain && plain >= 0 && plain <= MaxWorkoutLength.TotalSeconds ? TimeSpan.FromSeconds(plain) : null;
        }

        long total = 0;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            long unit = char.ToLowerInvariant(part[^1]) switch { 'h' => 3600, 'm' => 60, 's' => 1, _ => 0 };
            if (unit == 0 || part.Length < 2 || !int.TryParse(part.AsSpan(0, part.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            // Checked after every part, so no sum of parts can overflow.
            total += n * unit;
            if (total > MaxWorkoutLength.TotalSeconds)
            {
                return null;
            }
        }

        return TimeSpan.FromSeconds(total);
    }

    /// <summary>The end of a workout that started at <paramref name="startedAt"/> and lasted <paramref name="length"/>, if both are usable.</summary>
    public static DateTimeOffset? End(DateTimeOffset startedAt, TimeSpan? length) =>
        length is { } l && l > TimeSpan.Zero && startedAt <= DateTimeOffset.MaxValue - l ? startedAt + l : null;

    /// <summary>A stable identity for an imported workout: the app, its start and its title.</summary>
    public static string Key(string format, DateTimeOffset startedAt, string name)
    {
        var text = $"{format}|{startedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{name.Trim().ToLowerInvariant()}";
        return $"{format}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))}";
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
