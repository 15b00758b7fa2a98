using FitFolio.Grains.Audit;
using FitFolio.Grains.Users;

namespace FitFolio.Api.Auth;

/// <summary>
/// Maps the session cookie onto the owning user grain: one grain call, no database read. The same
/// call counts the request against the account's global limit (<see cref="CountedAccountRequest"/>),
/// so a signed-in request makes no other grain call before its endpoint. A live
/// session becomes <see cref="CurrentSession"/>; a session due for rotation gets a new secret and
/// cookie on the way; anything else is treated as signed out and the cookie is removed. A session
/// that this very check found out of time is audited as expired, with the request that noticed
/// (ASVS 5.0 §16.3.1); later requests with the same cookie find nothing and write nothing.
/// </summary>
public sealed class SessionMiddleware(RequestDelegate next, SessionCookie cookies, CookieSettings settings, IGrainFactory grains, RateLimits limits)
{
    private readonly UserGrainReferences _users = new(grains);

    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Request.Cookies[settings.SessionName];
        // A request that presented an API key is judged by the key alone (ApiKeyMiddleware).
        return raw is not null && context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && context.Features.Get<CurrentUser>() is null
            ? InvokeSignedInAsync(context, raw)
            : next(context);
    }

    private async Task InvokeSignedInAsync(HttpContext context, string raw)
    {
        await AuthenticateAsync(context, raw);
        await next(context);
    }

    private async Task AuthenticateAsync(HttpContext context, string raw)
    {
        if (!cookies.TryRead(raw, out var userId, out var hash))
        {
            settings.ClearSession(context.Response);
            return;
        }

        var grain = _users.Get(userId);
        Grains.Sessions.SessionCheck check;
        try
        {
            check = await grain.CheckSession(hash, limits.Rules.GlobalPerAccount);
        }
        catch (UnknownUserException)
        {
            check = Grains.Sessions.SessionCheck.Invalid;
        }

        if (!check.Valid)
        {
            settings.ClearSession(context.Response);
            if (check.EndedBy is { } endedBy)
            {
                await SecurityAudit.WriteAsync(
                    context, AuditEventType.SessionExpired, userId, new Dictionary<string, object?> { ["session_id"] = check.SessionId, ["reason"] = endedBy });
            }

            return;
        }

        if (check.RotationDue)
        {
            var (value, newHash) = cookies.Issue(userId);
            if (await grain.RotateSession(hash, newHash, "age", RequestOrigins.Of(context)))
            {
                hash = newHash;
                settings.WriteSession(context.Response, value);
            }
        }

        context.Features.Set(new CurrentSession(userId, check.SessionId, hash, check.User!, check.AuthenticatedAt, check.AuthenticatedWith!));
        context.Features.Set(new CurrentUser(userId, ApiScope.Read | ApiScope.Write, ApiKeyId: null));
        context.Features.Set(new CountedAccountRequest(check.AccountLimit!.Value));
    }
}
