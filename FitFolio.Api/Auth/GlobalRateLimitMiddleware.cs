namespace FitFolio.Api.Auth;

/// <summary>
/// The ceiling on every API request, counted by one grain per subject across the cluster. It runs
/// after the session and API-key middleware, so it knows who is asking: a signed-in request counts
/// against its account (<see cref="RateLimitOptions.GlobalPerAccount"/>), because the members of a
/// gym share one public address on its Wi-Fi and must not be throttled as one client; the account's
/// own user grain counted it while checking the session (<see cref="CountedAccountRequest"/>); a request
/// with an API key is counted per key by <see cref="ApiKeyMiddleware"/>; anything else counts
/// against its client network (<see cref="RateLimitOptions.GlobalPerIp"/>).
/// </summary>
public sealed class GlobalRateLimitMiddleware(RequestDelegate next, RateLimits limits)
{
    public const string Policy = "global-ip";

    public const string AccountPolicy = "global-account";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            if (await AcquireAsync(context) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }

    private Task<IResult?> AcquireAsync(HttpContext context) => context.Features.Get<CurrentUser>() switch
    {
        { ViaApiKey: true } => Task.FromResult<IResult?>(null),
        { } user => context.Features.Get<CountedAccountRequest>()!.Decision is { Allowed: false } refused
            ? limits.RefuseAsync(context, AccountPolicy, user.GrainKey, limits.Rules.GlobalPerAccount, refused.RetryAfter)
            : Task.FromResult<IResult?>(null),
        null => limits.AcquireAsync(context, Policy, limits.ClientKey(context), limits.Rules.GlobalPerIp),
    };
}
