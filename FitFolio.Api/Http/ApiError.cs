using System.Text.Json.Serialization;

namespace FitFolio.Api.Http;

/// <summary>The one error shape of the API: <c>{"error":{"code","message","request_id"}}</c>.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string? RequestId);

public sealed record ApiErrorBody([property: JsonPropertyName("error")] ApiError Error);
