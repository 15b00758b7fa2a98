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

    /// <summary>
    /// A key's successful use is audited (<c>api_key_used</c>, with the request's origin) at most once per
    /// this interval. Default 1 hour: who used a key, from where, hour by hour, without a row per request.
    /// </summary>
    public TimeSpan UseAuditInterval { get; set; } = TimeSpan.FromHours(1);
}
