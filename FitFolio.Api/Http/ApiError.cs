using System.Text.Json.Serialization;

namespace FitFolio.Api.Http;

/// <summary>
/// The one error shape of the API: <c>{"error":{"code","message","request_id","field"}}</c>. <c>field</c> names the
/// input at fault (a JSON property path such as <c>sets[2].reps</c>) when one is, so the app can point at it.
/// A 412 (a stale If-Match) also carries <c>current_version</c>, the version now stored, so the caller can resend on it.
/// </summary>
public sealed record ApiError(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("request_id")] string? RequestId,
    [property: JsonPropertyName("field"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Field = null)
{
    [JsonPropertyName("current_version"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CurrentVersion { get; init; }
}
