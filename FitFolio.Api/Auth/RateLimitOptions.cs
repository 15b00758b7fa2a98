using FitFolio.Grains.RateLimiting;

namespace FitFolio.Api.Auth;

/// <summary>Configuration section <c>RateLimits</c>. Each rule is <c>Limit</c> events per <c>Window</c>; README gives the reasons.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>
    /// How much of an IPv6 address names one client for the per-client limits. Default 64: a
    /// subscriber is given at least a /64 and picks (and rotates, RFC 8981) the interface
    /// identifier itself (RFC 4291 §2.5.1), so counting per address would hand one client 2^64
    /// budgets. IPv4 clients, IPv4-mapped IPv6 included, are counted per address. 32 to 128.
    /// </summary>
    public int IPv6PrefixLength { get; set; } = 64;

    /// <summary>Sign-in mail requests per client network. Default 5 per minute.</summary>
    public RateLimitRule MagicLinkStartPerIp { get; set; } = new(5, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Sign-in mail requests per address from one client network. Default 3 per 15 minutes. Counted
    /// per network so that someone else's requests cannot use up the owner's own.
    /// </summary>
    public RateLimitRule MagicLinkStartPerEmail { get; set; } = new(3, TimeSpan.FromMinutes(15));

    /// <summary>Sign-in mail requests per address from all networks together: caps the mail anyone can cause one inbox. Default 10 per 15 minutes.</summary>
    public RateLimitRule MagicLinkStartPerEmailCap { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Link and code checks per client network. Default 10 per minute.</summary>
    public RateLimitRule VerifyPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Passkey ceremony starts per client network (re-authentication: per account). Default 10 per minute.</summary>
    public RateLimitRule WebAuthnStartPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Passkey ceremony finishes per client network (re-authentication: per account). Default 20 per minute.</summary>
    public RateLimitRule WebAuthnFinishPerIp { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Failed API-key authentications per client network. Default 10 per minute: a guesser is stopped long before 256 bits matter, and a misconfigured script
    /// notices.
    /// </summary>
    public RateLimitRule ApiKeyFailuresPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Requests per API key. Default 600 per minute (10/s): plenty for scripts and sync, a ceiling for a leaked key.</summary>
    public RateLimitRule ApiKeyRequests { get; set; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>API requests without a session or key, per client network. Default 1,000 per minute.</summary>
    public RateLimitRule GlobalPerIp { get; set; } = new(1000, TimeSpan.FromMinutes(1));

    /// <summary>
    /// API requests of one signed-in account, whatever address they come from. Default 1,000 per
    /// minute: the ceiling a whole address had before, now one person's, so a gym full of members
    /// behind one address is never throttled as one client while a flooding session still is.
    /// </summary>
    public RateLimitRule GlobalPerAccount { get; set; } = new(1000, TimeSpan.FromMinutes(1));

    /// <summary>Provider sign-ins started per client network. Default 10 per minute, as for passkey ceremonies: each costs the provider a round trip.</summary>
    public RateLimitRule ExternalStartPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Provider callbacks per client network. Default 10 per minute: a person finishes one flow per start.</summary>
    public RateLimitRule ExternalCallbackPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));
}
