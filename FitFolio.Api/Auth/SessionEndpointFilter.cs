using FitFolio.Api.Http;

namespace FitFolio.Api.Auth;

/// <summary>Lets a request through only with a live session (<see cref="CurrentSession"/>); otherwise 401, or 403 for an API key.</summary>
public sealed class SessionEndpointFilter : IEndpointFilter
{
    /// <summary>The filter holds no state, so every route shares this one.</summary>
    public static SessionEndpointFilter Instance { get; } = new();

    private SessionEndpointFilter()
    {
    }

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        return context.HttpContext.Features.Get<CurrentSession>() is not null
            ? await next(context)
            : NoSession(context.HttpContext);
    }

    /// <summary>The answer to a request without a session: 401, or 403 when it came with an API key.</summary>
    public static IResult NoSession(HttpContext context) =>
        context.Features.Get<CurrentUser>() is { ViaApiKey: true } ? ApiKeyNotAllowed(context) : Errors.Unauthenticated(context);

    /// <summary>Sign-in, sessions, passkeys, key management, account and admin routes never accept an API key.</summary>
    public static IResult ApiKeyNotAllowed(HttpContext context) =>
        SecurityAudit.Forbidden(context, "api_key_not_allowed", "API keys cannot be used here; sign in to the app instead.");
}
