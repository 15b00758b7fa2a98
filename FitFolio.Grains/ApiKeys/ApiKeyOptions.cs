namespace FitFolio.Grains.ApiKeys;

/// <summary>Limits on API keys (configuration section <c>ApiKeys</c>).</summary>
public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";

    /// <summary>Live keys one person may hold. Default 25: enough for every script and device, few enough to review.</summary>
    public int MaxKeysPerUser { get; set; } = 25;

    /// <summary>The longest expiry a key may be given. Default 365 days; "never expires" is also allowed.</summary>
    public int MaxLifetimeDays { get; set; } = 365;

    /// <summary>How often "last used" is written per key at most. Default 1 minute: a busy key costs no write per request.</summary>
    public TimeSpan LastUsedWriteInterval { get; set; } = TimeSpan.FromMinutes(1);
}
