namespace FitFolio.Rehearsal;

/// <summary>What a rehearsal runs. Defaults are what <c>./fitfolio rehearse</c> uses.</summary>
public sealed record RehearsalOptions
{
    /// <summary>FitFolio processes (silos) behind the proxy. Default 3.</summary>
    public int Silos { get; init; } = 3;

    /// <summary>PostgreSQL to use (a migrated or empty database); null starts a throwaway server. Default null.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Redis to use (a StackExchange.Redis configuration string, e.g. <c>127.0.0.1:6379</c>); null starts a throwaway server. Default null.</summary>
    public string? RedisConnectionString { get; init; }

    /// <summary>
    /// How long a silo keeps serving after SIGTERM while its readiness answers 503, so the proxy
    /// (checking every <see cref="HaProxyConfig.CheckInterval"/>) takes it out before it stops
    /// listening. Default 3 s: six proxy checks.
    /// </summary>
    public TimeSpan DrainDelay { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Extra settings for every silo, as environment variables (<c>Section__Key</c>). Default none.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>How long each process may take to become ready. Default 120 s (two busy cores, three silos migrating).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Keep the logs (the work directory) after stopping. Default false.</summary>
    public bool KeepLogs { get; init; }
}
