namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// A durable counter's stored state: the times (UTC ticks) of the events counted, oldest first, and the window of the rule that counted them.
/// </summary>
internal sealed class RateLimitWindow
{
    public long[] Events { get; set; } = [];

    public TimeSpan Window { get; set; }
}
