using FitFolio.Api.Http;

namespace FitFolio.Api.Auth;

/// <summary>Lets a request through only with a live session (<see cref="CurrentSession"/>); otherwise 401.</summary>
public sealed class SessionEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Features.Get<CurrentSession>() is null
            ? Errors.Unauthenticated(context.HttpContext)
            : await next(context);
}

public static class SessionEndpointExtensions
{
    public static TBuilder RequireSession<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, SessionEndpointFilter>()
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiErrorBody), ["application/json"]));

    public static CurrentSession Session(this HttpContext context) =>
        context.Features.Get<CurrentSession>() ?? throw new InvalidOperationException("This endpoint requires a session; add RequireSession().");
}
