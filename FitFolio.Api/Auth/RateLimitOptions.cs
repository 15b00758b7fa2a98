using FitFolio.Grains.RateLimiting;

namespace FitFolio.Api.Auth;

/// <summary>Configuration section <c>RateLimits</c>. Each rule is <c>Limit</c> events per <c>Window</c>; README gives the reasons.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in mail requests per IP. Default 5 per minute.</summary>
    public RateLimitRule MagicLinkStartPerIp { get; set; } = new(5, TimeSpan.FromMinutes(1));

    /// <summary>Sign-in mail requests per address: caps the mail anyone can cause one inbox. Default 3 per 15 minutes.</summary>
    public RateLimitRule MagicLinkStartPerEmail { get; set; } = new(3, TimeSpan.FromMinutes(15));

    /// <summary>Link and code checks per IP. Default 10 per minute.</summary>
    public RateLimitRule VerifyPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Failed code checks per address, counted for unknown addresses too so the answer never tells them apart. Default 5 per 15 minutes.</summary>
    public RateLimitRule CodeFailuresPerEmail { get; set; } = new(5, TimeSpan.FromMinutes(15));

    /// <summary>Passkey ceremony starts per IP. Default 10 per minute.</summary>
    public RateLimitRule WebAuthnStartPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Passkey ceremony finishes per IP. Default 20 per minute.</summary>
    public RateLimitRule WebAuthnFinishPerIp { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>Failed API-key authentications per IP. Default 10 per minute: a guesser is stopped long before 256 bits matter, and a misconfigured script notices.</summary>
    public RateLimitRule ApiKeyFailuresPerIp { get; set; } = new(10, TimeSpan.FromMinutes(1));

    /// <summary>Requests per API key. Default 600 per minute (10/s): plenty for scripts and sync, a ceiling for a leaked key.</summary>
    public RateLimitRule ApiKeyRequests { get; set; } = new(600, TimeSpan.FromMinutes(1));

    /// <summary>Every API request per IP. Default 1,000 per minute.</summary>
    public RateLimitRule GlobalPerIp { get; set; } = new(1000, TimeSpan.FromMinutes(1));
}
