using FitFolio.Api.Http;

namespace FitFolio.Api.Auth;

public static class UserEndpointExtensions
{
    /// <summary>Requires a session, or an API key with <paramref name="scope"/>.</summary>
    public static TBuilder RequireUser<TBuilder>(this TBuilder builder, ApiScope scope) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new UserEndpointFilter(scope))
            .WithMetadata(AcceptedCredentials.User(scope))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiErrorBody), ["application/json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiErrorBody), ["application/json"]));

    public static CurrentUser CurrentUser(this HttpContext context) =>
        context.Features.Get<CurrentUser>() ?? throw new InvalidOperationException("This endpoint requires a user; add RequireUser().");
}
