namespace FitFolio.Grains.RateLimiting;

/// <summary>Whether an action may go ahead and, if not, how long until it may.</summary>
public readonly record struct RateLimitDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static RateLimitDecision Allow { get; } = new(true, TimeSpan.Zero);
}
