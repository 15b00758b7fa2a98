using System.Globalization;

namespace FitFolio.Grains.Training.Import;

/// <summary>Reading the values of another app's CSV: numbers in either decimal style, local times, durations.</summary>
internal static class ImportFields
{
    /// <summary>Empty is null. With ';' as delimiter a decimal comma ("62,5") is what European exports write.</summary>
    public static bool TryDecimal(string raw, out decimal? value)
    {
        value = null;
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return true;
        }

        if (text.Contains(',', StringComparison.Ordinal) && !text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed))
        {
            value = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A whole number (written "5" or "5.0"); empty is null.</summary>
    public static bool TryWhole(string raw, out int? value)
    {
        value = null;
        if (!TryDecimal(raw, out var number))
        {
            return false;
        }

        if (number is { } n)
        {
            if (n != decimal.Truncate(n) || n < int.MinValue || n > int.MaxValue)
            {
                return false;
            }

            value = (int)n;
        }

        return true;
    }

    /// <summary>A local time in <paramref name="zone"/> (the apps write no offset) as UTC.</summary>
    public static bool TryLocalTime(string raw, string[] formats, TimeZoneInfo zone, out DateTimeOffset time)
    {
        time = default;
        // Newer exports put a narrow no-break space before AM/PM.
        var text = raw.Trim().Replace('\u202f', ' ').Replace('\u00a0', ' ');
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

    /// <summary>Strong's workout duration: "1h 5m", "45m", "30s", or plain seconds.</summary>
    public static TimeSpan? Duration(string raw)
    {
        var text = raw.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        var total = TimeSpan.Zero;
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.Length < 2 || !int.TryParse(part.AsSpan(0, part.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return null;
            }

            total += char.ToLowerInvariant(part[^1]) switch
            {
                'h' => TimeSpan.FromHours(n),
                'm' => TimeSpan.FromMinutes(n),
                's' => TimeSpan.FromSeconds(n),
                _ => TimeSpan.MinValue,
            };
            if (total < TimeSpan.Zero)
            {
                return null;
            }
        }

        return total <= TimeSpan.FromDays(1) ? total : null;
    }

    /// <summary>A stable identity for an imported workout: the app, its start and its title.</summary>
    public static string Key(string format, DateTimeOffset startedAt, string name)
    {
        var text = $"{format}|{startedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}|{name.Trim().ToLowerInvariant()}";
        return $"{format}:{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))}";
    }

    private static bool HasOffset(string text) =>
        text.EndsWith('Z') || (text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':');
}
