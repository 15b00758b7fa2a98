using System.Text.Json.Nodes;
using FitFolio.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>
/// Says on every state-changing operation what it does with <c>Idempotency-Key</c>: <c>x-idempotency-key: honoured</c>
/// with the header parameter and its 409 and 422 answers, or <c>x-idempotency-key: ignored</c> with the reason at the
/// end of the description (<see cref="IdempotencyKeyExclusion"/>).
/// </summary>
internal sealed class IdempotencyKeyOpenApi : IOpenApiOperationTransformer
{
    public const string Extension = "x-idempotency-key";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var method = context.Description.HttpMethod ?? HttpMethods.Get;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
        {
            return Task.CompletedTask;
        }

        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IdempotencyKeyExclusion>().FirstOrDefault() is { } exclusion)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create("ignored"));
            operation.Description = $"{operation.Description}\n\n**Idempotency-Key:** ignored. {exclusion.Reason}".Trim();
        }
        else if (metadata.OfType<IdempotencyKeySupport>().Any())
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>(StringComparer.Ordinal);
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create("honoured"));
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKeyFormat.Header,
                In = ParameterLocation.Header,
                Required = false,
                Description = "One per logical write, the same on every retry (the app sends a UUID v4): a retry gets the first answer "
                    + $"(marked `{IdempotencyKeyFormat.ReplayedHeader}: true`) for 24 hours. 1 to {IdempotencyKeyFormat.MaxLength} visible ASCII characters.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKeyFormat.MaxLength },
            });
            operation.Responses ??= [];
            ApiErrorResponses.Add(
                operation,
                context,
                StatusCodes.Status409Conflict,
                "Conflict: `idempotency_key_in_flight` (the first request with this key is still running), or this operation's own.");
            ApiErrorResponses.Add(
                operation, context, StatusCodes.Status422UnprocessableEntity, "`idempotency_key_reused`: this Idempotency-Key came with a different request.");
            ApiErrorResponses.Add(operation, context, StatusCodes.Status400BadRequest, "Bad request: `invalid_idempotency_key`, or this operation's own.");
        }

        return Task.CompletedTask;
    }
}
