using FitFolio.Grains.Common;

namespace FitFolio.Grains.RateLimiting;

/// <summary>A refused request, for the audit summary of its counter: the rule's window bounds the summary row.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.rate-limiting.refusal")]
public sealed record RateLimitRefusal(
    [property: Id(0)] string Policy,
    [property: Id(1)] TimeSpan Window,
    [property: Id(2)] TimeSpan RetryAfter,
    [property: Id(3)] Guid? UserId,
    [property: Id(4)] RequestOrigin Origin);
