using FitFolio.Api.Http;
using FitFolio.Grains.ApiKeys;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// <c>Authorization: Bearer ffk_…</c> on an /api request: the key's grain decides, and a live key
/// becomes <see cref="CurrentUser"/> with the key's scopes — never a <see cref="CurrentSession"/>, so
/// sign-in, sessions, passkeys and key management stay out of a key's reach by construction. A
/// request that presents a key is judged by the key alone: any session cookie it also carries is
/// ignored, and CSRF checks do not apply (a browser never attaches this header by itself).
/// A bad key ends the request with 401; failures count toward a per-IP limit before any lookup.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IGrainFactory grains, RateLimits limits, AuditLog audit, IOptions<RateLimitOptions> rules)
{
    internal const string FailurePolicy = "api-key-failures-ip";
    private const string UsePolicy = "api-key-requests";

    // Not async itself: most requests carry no key, and an async frame here would be one more state machine kept for
    // every request whose endpoint awaits (a session check's grain call does).
    public Task InvokeAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.Length == 0 || !context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            ? next(context)
            : InvokeWithKeyAsync(context, header);
    }

    private async Task InvokeWithKeyAsync(HttpContext context, string header)
    {
        if (await AuthenticateAsync(context, header) is { } refusal)
        {
            await refusal.ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private async Task<IResult?> AuthenticateAsync(HttpContext context, string header)
    {
        var ip = RequestOrigins.ClientIp(context);
        var client = limits.ClientKey(context);
        if (await limits.CheckAsync(context, FailurePolicy, client, rules.Value.ApiKeyFailuresPerIp) is { } blocked)
        {
            return blocked;
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !ApiKeyToken.TryParse(header[7..].Trim(), out var token))
        {
            return await RejectAsync(context, client, "malformed", null, "Authorization must be \"Bearer ffk_…\" with a FitFolio API key (60 characters).");
        }

        var check = await grains.GetGrain<IApiKeyGrain>(token.PublicId).Authenticate(token.SecretHash, RequestOrigins.Of(context));
        if (!check.Valid)
        {
            return await RejectAsync(context, client, check.Refusal!, check.UserId, check.Refusal switch
            {
                ApiKeyCheck.Expired => "This API key has expired. Create a new one.",
                ApiKeyCheck.Revoked => "This API key was revoked.",
                _ => "This API key is not valid.",
            });
        }

        // The account's own grain has the last word: a key of a locked or deleted account does nothing.
        if (!await MayActAsync(check.UserId!.Value))
        {
            return await RejectAsync(context, client, "account_locked", check.UserId, "This API key's account is locked.");
        }

        if (await limits.AcquireAsync(context, UsePolicy, token.PublicId, rules.Value.ApiKeyRequests) is { } limited)
        {
            return limited;
        }

        var scopes = (check.Scopes.Contains(ApiKeyScopes.Read) ? ApiScope.Read : ApiScope.None)
            | (check.Scopes.Contains(ApiKeyScopes.Write) ? ApiScope.Write : ApiScope.None);
        context.Features.Set(new CurrentUser(check.UserId!.Value, scopes, check.KeyId));
        return null;
    }

    private async Task<bool> MayActAsync(Guid userId)
    {
        try
        {
            return await grains.GetGrain<IUserGrain>(userId.ToString("N")).MayUseApiKeys();
        }
        catch (UnknownUserException)
        {
            return false;
        }
    }

    private async Task<IResult> RejectAsync(HttpContext context, string client, string reason, Guid? userId, string message)
    {
        await limits.CountAsync(FailurePolicy, client, rules.Value.ApiKeyFailuresPerIp);
        await audit.WriteAsync(
            new AuditEvent(AuditEventType.ApiKeyRejected, userId, RequestOrigins.Of(context), new Dictionary<string, object?> { ["reason"] = reason }));
        context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        return Errors.Result(context, StatusCodes.Status401Unauthorized, "invalid_api_key", message);
    }
}
