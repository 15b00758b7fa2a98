using FitFolio.Api.Http;
using FitFolio.Grains.Audit;
using FitFolio.Grains.RateLimiting;
using FitFolio.Silo;

namespace FitFolio.Api.Auth;

/// <summary>Asks the cluster-wide counter grains, and turns a refusal into a 429 with Retry-After and an audit event.</summary>
public sealed class RateLimits(IGrainFactory grains, AuditLog audit)
{
    public async Task<IResult?> AcquireAsync(HttpContext context, string policy, string subject, RateLimitRule rule)
    {
        var decision = await grains.GetGrain<IRateLimitGrain>($"{policy}:{subject}").Acquire(rule);
        return decision.Allowed ? null : await RefuseAsync(context, policy, decision.RetryAfter);
    }

    public async Task<IResult?> CheckAsync(HttpContext context, string policy, string subject, RateLimitRule rule)
    {
        var decision = await grains.GetGrain<IRateLimitGrain>($"{policy}:{subject}").Check(rule);
        return decision.Allowed ? null : await RefuseAsync(context, policy, decision.RetryAfter);
    }

    public ValueTask<RateLimitDecision> CountAsync(string policy, string subject, RateLimitRule rule) =>
        grains.GetGrain<IRateLimitGrain>($"{policy}:{subject}").Acquire(rule);

    public async Task<IResult> RefuseAsync(HttpContext context, string policy, TimeSpan retryAfter)
    {
        await audit.WriteAsync(new AuditEvent(
            AuditEventType.RateLimited,
            context.Features.Get<CurrentSession>()?.UserId,
            RequestOrigins.Of(context),
            new Dictionary<string, object?> { ["policy"] = policy, ["retry_after_seconds"] = Math.Ceiling(retryAfter.TotalSeconds) }));
        return Errors.TooManyRequests(context, retryAfter);
    }
}
