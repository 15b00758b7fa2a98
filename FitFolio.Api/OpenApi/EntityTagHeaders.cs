using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FitFolio.Api.OpenApi;

/// <summary>
/// Documents the ETag response header and the optional If-Match request header of the operations marked with
/// <see cref="VersionedOperation"/> (the versioned training resources; <c>Apis/Training/EntityTags.cs</c>).
/// </summary>
internal sealed class EntityTagHeaders : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var marks = context.Description.ActionDescriptor.EndpointMetadata.OfType<VersionedOperation>().ToList();
        if (marks.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var (status, response) in operation.Responses ?? [])
        {
            if (status is "200" or "201" && response is OpenApiResponse success)
            {
                success.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.Ordinal);
                success.Headers["ETag"] = new OpenApiHeader
                {
                    Description = "The resource's version as a strong tag (\"3\"); send it back in If-Match to update only that version.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                };
            }
        }

        if (marks.Exists(m => m.TakesIfMatch))
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Required = false,
                Description = "Optional. The ETag you read (or *): the change is made only if the resource is still at that version, "
                    + "otherwise 412 with `current_version` and the current ETag. Without it the change is made whatever the version "
                    + "(last write wins), as before versions existed. A malformed value answers 400 `invalid_if_match`.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
            if (operation.Responses?.TryGetValue("412", out var stale) == true && stale is OpenApiResponse staleResponse)
            {
                staleResponse.Description = "Precondition failed: If-Match named a version that is no longer current (`version_mismatch`); "
                    + "the error carries `current_version`, and the ETag header the current tag.";
            }
        }

        return Task.CompletedTask;
    }
}
