namespace FitFolio.Grains.RateLimiting;

/// <summary>At most <see cref="Limit"/> events in any <see cref="Window"/>.</summary>
public sealed record RateLimitRule(int Limit, TimeSpan Window)
{
    public override string ToString() => $"{Limit} per {Window}";
}
