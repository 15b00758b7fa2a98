using FitFolio.Grains.Common;

namespace FitFolio.Grains.RateLimiting;

/// <summary>A refused request, for the audit summary of its counter: the rule's window bounds the summary row.</summary>
public sealed record RateLimitRefusal(string Policy, TimeSpan Window, TimeSpan RetryAfter, Guid? UserId, RequestOrigin Origin);
