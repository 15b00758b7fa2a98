using FitFolio.Silo.Calls;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// One counter, keyed <c>policy:subject</c> (for example <c>magic-start-ip:203.0.113.9</c>). Being
/// a grain, there is one counter per key in the whole cluster, so limits hold exactly across
/// silos. Two grains implement it (<see cref="RateLimitCounters"/> picks): in memory, reset by a
/// silo crash, for the per-request limits; in grain storage for the windows that must survive every
/// silo restarting. A reference made from a key alone is the memory one.
/// </summary>
[Alias("fitfolio.ratelimit")]
[Orleans.Metadata.DefaultGrainType(RateLimitGrain.GrainTypeName)]
public interface IRateLimitGrain : IGrainWithStringKey
{
    /// <summary>Counts one event if the rule allows it.</summary>
    [SafeToRetry]
    ValueTask<RateLimitDecision> Acquire(RateLimitRule rule);

    /// <summary>Whether one more event would be allowed, counting nothing.</summary>
    [SafeToRetry]
    ValueTask<RateLimitDecision> Check(RateLimitRule rule);

    /// <summary>Forgets every counted event (for example after a successful sign-in).</summary>
    [SafeToRetry]
    ValueTask Reset();

    /// <summary>
    /// Audits a refusal without turning a flood into database writes: the first refusal in a
    /// window writes one <c>rate_limited</c> row, later ones only count in memory, and the count is
    /// written into that row once when the window closes (one row per counter and window).
    /// </summary>
    Task RecordRefusal(RateLimitRefusal refusal);

    /// <summary>Writes the open summary's count; ends the summary once its window has closed. Called by the grain itself when the window closes.</summary>
    Task FlushRefusals();
}
