using System.Net.Http.Json;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Idempotency;

/// <summary>Requests sent with an <c>Idempotency-Key</c>, as the app's offline queue sends them.</summary>
internal static class KeyedRequests
{
    public const string Header = "Idempotency-Key";

    public static Task<ApiResponse> KeyedAsync(this ApiClient client, HttpMethod method, string path, object? body, params string[] keys) =>
        client.SendAsync(method, path, body is null ? null : JsonContent.Create(body), request =>
        {
            foreach (var key in keys)
            {
                request.Headers.TryAddWithoutValidation(Header, key);
            }
        });

    public static string NewKey() => Guid.NewGuid().ToString();

    public static bool Replayed(this ApiResponse response) =>
        response.Headers.TryGetValue("Idempotent-Replayed", out var value) && value == "true";
}
