using FitFolio.Api.Http;

namespace FitFolio.Api.Auth;

public static class SessionEndpointExtensions
{
    public static TBuilder RequireSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        // The one instance, not AddEndpointFilter<TFilter>: that activates a filter per request from RequestServices, which
        // makes a DI scope (and disposes it) for every signed-in request (bench/README.md, "The session check's CPU, second pass").
        builder.AddEndpointFilter(SessionEndpointFilter.Instance)
            .WithMetadata(AcceptedCredentials.Session)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiErrorBody), ["application/json"]));

    /// <summary>For routes that need no session (sign-in itself): a request made with an API key is still refused.</summary>
    public static TBuilder RefuseApiKeys<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<CurrentUser>() is { ViaApiKey: true }
                ? SessionEndpointFilter.ApiKeyNotAllowed(context.HttpContext)
                : await next(context))
            .WithMetadata(AcceptedCredentials.NoApiKey);

    /// <summary>Admin routes: a session of an administrator whose latest proof was a passkey (<see cref="AdminEndpointFilter"/>).</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, AdminEndpointFilter>().WithMetadata(AcceptedCredentials.Session);

    public static CurrentSession Session(this HttpContext context) =>
        context.Features.Get<CurrentSession>() ?? throw new InvalidOperationException("This endpoint requires a session; add RequireSession().");
}
