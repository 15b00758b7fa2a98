using System.Text.Json.Nodes;

namespace FitFolio.Tests.Fuzz;

/// <summary>One operation of the OpenAPI document: its path template, declared parameters and JSON body schema (references resolved).</summary>
internal sealed record FuzzOperation(string Id, string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonObject? BodySchema, string? BodyType)
{
    /// <summary>Every operation under <c>/api/v1</c> in the document the API serves.</summary>
    public static IReadOnlyList<FuzzOperation> AllOf(JsonObject document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (!path.StartsWith("/api/v1/", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var (method, node) in item!.AsObject())
            {
                if (node is not JsonObject operation || method is "parameters")
                {
                    continue;
                }

                var parameters = (operation["parameters"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(p => new FuzzParameter(
                        p["name"]!.GetValue<string>(),
                        p["in"]!.GetValue<string>(),
                        Resolve(document, p["schema"] as JsonObject)?["type"]?.ToString() ?? "string"))
                    .ToList();
                JsonObject? schema = null;
                string? type = null;
                if (operation["requestBody"]?["content"] is JsonObject content && content.Count > 0)
                {
                    var (mediaType, media) = content.First();
                    type = mediaType;
                    schema = Resolve(document, media?["schema"] as JsonObject);
                }

                operations.Add(new FuzzOperation(
                    operation["operationId"]?.GetValue<string>() ?? $"{method} {path}", method.ToUpperInvariant(), path, parameters, schema, type));
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c> into <c>components</c> (once per level: the generator resolves nested ones as it goes).</summary>
    public static JsonObject? Resolve(JsonObject document, JsonObject? schema)
    {
        for (var depth = 0; schema?["$ref"] is JsonValue reference && depth < 8; depth++)
        {
            var parts = reference.GetValue<string>().TrimStart('#', '/').Split('/');
            JsonNode? target = document;
            foreach (var part in parts)
            {
                target = target?[part];
            }

            schema = target as JsonObject;
        }

        return schema;
    }
}
