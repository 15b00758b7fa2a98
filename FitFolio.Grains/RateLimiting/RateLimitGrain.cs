using FitFolio.Grains.Audit;
using Microsoft.Extensions.Logging;

namespace FitFolio.Grains.RateLimiting;

/// <summary>
/// A counter in memory only: the per-request limits, where a write per request would cost more than
/// the limit is worth (docs/architecture.md) and a silo crash resetting a one-minute window costs an
/// attacker's budget nothing worth having.
/// </summary>
[GrainType(GrainTypeName)]
internal sealed class RateLimitGrain(TimeProvider clock, AuditLog audit, ILogger<RateLimitGrain> logger) : CounterGrain(clock, audit, logger)
{
    public const string GrainTypeName = "ratelimit";

    protected override ValueTask SaveAsync(TimeSpan? window) => ValueTask.CompletedTask;
}
