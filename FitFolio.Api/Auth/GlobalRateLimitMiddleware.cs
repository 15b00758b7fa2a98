using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>The ceiling on every API request per IP, counted by one grain per IP across the cluster.</summary>
public sealed class GlobalRateLimitMiddleware(RequestDelegate next, RateLimits limits, IOptions<RateLimitOptions> options)
{
    public const string Policy = "global-ip";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            if (await limits.AcquireAsync(context, Policy, RequestOrigins.ClientIp(context), options.Value.GlobalPerIp) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
