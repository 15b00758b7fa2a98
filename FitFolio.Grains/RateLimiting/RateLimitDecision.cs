namespace FitFolio.Grains.RateLimiting;

/// <summary>Whether an action may go ahead and, if not, how long until it may.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.rate-limiting.decision")]
public readonly record struct RateLimitDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
