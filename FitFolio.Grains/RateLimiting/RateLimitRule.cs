namespace FitFolio.Grains.RateLimiting;

/// <summary>At most <see cref="Limit"/> events in any <see cref="Window"/>.</summary>
[GenerateSerializer, Immutable, Alias("fitfolio.rate-limiting.rule")]
public sealed record RateLimitRule(
    [property: Id(0)] int Limit,
    [property: Id(1)] TimeSpan Window)
{
    public override string ToString() => $"{Limit} per {Window}";
}
