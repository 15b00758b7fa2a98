using FitFolio.Grains.RateLimiting;
using FitFolio.Silo;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>The ceiling on every API request per IP, counted by one grain per IP across the cluster.</summary>
public sealed class GlobalRateLimitMiddleware(RequestDelegate next, IGrainFactory grains, RateLimits limits, IOptions<RateLimitOptions> options)
{
    public const string Policy = "global-ip";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            var decision = await grains.GetGrain<IRateLimitGrain>($"{Policy}:{RequestOrigins.ClientIp(context)}").Acquire(options.Value.GlobalPerIp);
            if (!decision.Allowed)
            {
                await (await limits.RefuseAsync(context, Policy, decision.RetryAfter)).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
