using FitFolio.Grains.RateLimiting;

namespace FitFolio.Api.Auth;

/// <summary>A counter in front of an endpoint: the request goes on only if the rule allows one more for its subject.</summary>
public sealed class RateLimitEndpointFilter(
    string policy, Func<RateLimitOptions, RateLimitRule> rule, Func<HttpContext, RateLimits, string> subject) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limits = http.RequestServices.GetRequiredService<RateLimits>();
        return await limits.AcquireAsync(http, policy, subject(http, limits), rule(limits.Rules)) is { } refusal ? refusal : await next(context);
    }
}
