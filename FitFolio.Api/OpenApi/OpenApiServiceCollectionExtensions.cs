namespace FitFolio.Api.OpenApi;

public static class OpenApiServiceCollectionExtensions
{
    /// <summary>The OpenAPI document at /api/v1/openapi.json: its introduction, both ways in, and each operation's requirements.</summary>
    public static IServiceCollection AddFitFolioOpenApi(this IServiceCollection services) =>
        services.AddOpenApi("v1", options =>
        {
            options.AddDocumentTransformer<ApiDocumentInfo>();
            options.AddDocumentTransformer<ApiSecuritySchemes>();
            options.AddOperationTransformer<ApiSecurityTransformer>();
            options.AddOperationTransformer<ApiErrorResponses>();
            options.AddOperationTransformer<EntityTagHeaders>();
            options.AddOperationTransformer<IdempotencyKeyOpenApi>();
        });
}
