using FitFolio.Api.Auth;
using FitFolio.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>
/// Documents the refusals that middleware, not the endpoint, gives every operation under /api: 429 from the
/// global limit (<see cref="GlobalRateLimitMiddleware"/>), 403 from the CSRF check on state-changing requests
/// (<see cref="CsrfMiddleware"/>), and 403 for an API key where keys are refused (<see cref="AcceptedCredentials"/>).
/// </summary>
internal sealed class ApiErrorResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.RequestPath().StartsWith("/api/", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= [];
        Add(operation, context, StatusCodes.Status429TooManyRequests, "Too many requests: a rate limit was reached; `Retry-After` says when to try again.");
        if (context.CsrfGuarded() || context.Description.ActionDescriptor.EndpointMetadata.OfType<AcceptedCredentials>().Any(a => !a.ApiKey))
        {
            Add(operation, context, StatusCodes.Status403Forbidden, "Forbidden: `csrf_failed`, `api_key_not_allowed`, or a refusal of this operation's own.");
        }

        return Task.CompletedTask;
    }

    /// <summary>Declares <paramref name="status"/> with the JSON error body, unless the operation declares it already.</summary>
    internal static void Add(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference(nameof(ApiErrorBody), context.Document) },
            },
        };
    }
}
