namespace FitFolio.Grains.RateLimiting;

/// <summary>Which counter grain holds a limit: in memory, or in grain storage so that it survives every silo restarting.</summary>
public static class RateLimitCounters
{
    /// <summary>The counter for <paramref name="key"/> (<c>policy:subject</c>); a durable one is a different grain from a memory one of the same key.</summary>
    public static IRateLimitGrain GetRateLimitCounter(this IGrainFactory grains, string key, bool durable) =>
        grains.GetGrain<IRateLimitGrain>(GrainId.Create(durable ? DurableRateLimitGrain.GrainTypeName : RateLimitGrain.GrainTypeName, key));
}
