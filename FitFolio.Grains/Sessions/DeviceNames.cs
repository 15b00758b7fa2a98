namespace FitFolio.Grains.Sessions;

/// <summary>Turns a User-Agent into "Chrome on Linux": enough for a person to recognise a device, nothing more.</summary>
public static class DeviceNames
{
    public static string Describe(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return "Unknown device";
        }

        var browser = userAgent switch
        {
            _ when Has(userAgent, "Edg/") => "Edge",
            _ when Has(userAgent, "OPR/") => "Opera",
            _ when Has(userAgent, "Firefox/") => "Firefox",
            _ when Has(userAgent, "Chrome/") || Has(userAgent, "CriOS/") => "Chrome",
            _ when Has(userAgent, "Safari/") => "Safari",
            _ when Has(userAgent, "curl/") => "curl",
            _ => "Browser",
        };
        var system = userAgent switch
        {
            _ when Has(userAgent, "iPhone") || Has(userAgent, "iPad") => "iOS",
            _ when Has(userAgent, "Android") => "Android",
            _ when Has(userAgent, "Windows") => "Windows",
            _ when Has(userAgent, "Mac OS X") || Has(userAgent, "Macintosh") => "macOS",
            _ when Has(userAgent, "CrOS") => "ChromeOS",
            _ when Has(userAgent, "Linux") => "Linux",
            _ => null,
        };
        return system is null ? browser : $"{browser} on {system}";
    }

    private static bool Has(string userAgent, string token) => userAgent.Contains(token, StringComparison.Ordinal);
}
