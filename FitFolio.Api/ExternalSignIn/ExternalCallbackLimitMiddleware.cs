using FitFolio.Api.Auth;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// The per-IP limit on providers' callbacks. The callback is answered by the provider's handler before any endpoint (and its filters)
/// runs, so the limit is counted here, just in front of it.
/// </summary>
internal sealed class ExternalCallbackLimitMiddleware(RequestDelegate next, IOptions<ExternalSignInOptions> options, RateLimits limits)
{
    private readonly HashSet<string> _callbacks = [.. options.Value.Configured().Select(p => p.CallbackPath)];

    public async Task InvokeAsync(HttpContext context)
    {
        if (_callbacks.Contains(context.Request.Path.Value ?? "")
            && await limits.AcquireAsync(context, "external-callback-ip", limits.ClientKey(context), limits.Rules.ExternalCallbackPerIp) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }
}
