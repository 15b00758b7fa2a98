using System.Text.Json.Serialization;

namespace FitFolio.Api.Http;

/// <summary>The envelope every error is sent in: <c>{"error": ApiError}</c>.</summary>
public sealed record ApiErrorBody([property: JsonPropertyName("error")] ApiError Error);
