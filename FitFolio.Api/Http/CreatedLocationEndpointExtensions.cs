namespace FitFolio.Api.Http;

public static class CreatedLocationEndpointExtensions
{
    /// <summary>The route's 201 says where the new resource lives: <paramref name="template"/>, with <c>{id}</c> for its id.</summary>
    public static RouteHandlerBuilder WithCreatedLocation(this RouteHandlerBuilder builder, string template) =>
        builder.WithMetadata(new CreatedLocation(template));
}
