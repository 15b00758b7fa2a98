namespace FitFolio.Api.Http;

public static class OpenApiExtensions
{
    /// <summary>Documents that these statuses answer with the API's JSON error body.</summary>
    public static RouteHandlerBuilder ProducesProblemBody(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ApiErrorBody>(status, "application/json");
        }

        return builder;
    }
}
