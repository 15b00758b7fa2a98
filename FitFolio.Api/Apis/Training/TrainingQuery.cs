using System.Globalization;
using System.Text.RegularExpressions;

namespace FitFolio.Api.Apis.Training;

/// <summary>Query-string values of the training routes, each refused with the parameter's name.</summary>
public static partial class TrainingQuery
{
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}$")]
    private static partial Regex ZoneName();

    public static bool TryDate(string? raw, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    public static bool TryBool(string? raw, out bool? value)
    {
        value = raw switch { null or "" => null, "true" => true, "false" => false, _ => null };
        return raw is null or "" or "true" or "false";
    }

    public static bool TryInt(string? raw, int min, int max, int fallback, out int value)
    {
        value = fallback;
        return string.IsNullOrEmpty(raw) || (int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max);
    }

    /// <summary>An IANA time zone known to this machine (PostgreSQL reads the same zone database); default UTC.</summary>
    public static bool TryZone(string? raw, out string zone)
    {
        zone = string.IsNullOrEmpty(raw) ? "UTC" : raw;
        return zone.Length <= 64 && ZoneName().IsMatch(zone) && TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _);
    }
}
