using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace FitFolio.Tests.Infrastructure;

/// <summary>
/// A browser-like client for the API: keeps its own cookie jar (so Secure cookies work over the
/// test's plain http), echoes the CSRF cookie in X-CSRF-Token and sends the app's Origin, as the
/// SPA does. Every call returns the status and the parsed JSON body.
/// </summary>
public sealed class ApiClient : IDisposable
{
    public const string DefaultOrigin = "http://localhost:8080";

    private readonly HttpClient _http;

    public ApiClient(Uri address, string origin)
        : this(address, origin, new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
    }

    /// <summary>Over a handler of the caller's (HTTPS to the rehearsal's proxy, its certificate pinned); it must not handle cookies itself.</summary>
    public ApiClient(Uri address, string origin, HttpMessageHandler handler)
    {
        _http = new HttpClient(handler) { BaseAddress = address };
        Origin = origin;
    }

    public string Origin { get; set; }

    public Dictionary<string, string> Cookies { get; } = new(StringComparer.Ordinal);

    public string? UserAgent { get; set; } = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

    public bool SendCsrf { get; set; } = true;

    /// <summary>Sent as <c>Authorization: Bearer …</c> when set, as an API client would.</summary>
    public string? Bearer { get; set; }

    public string? SessionCookie => Cookies.FirstOrDefault(c => c.Key.EndsWith("ff_session", StringComparison.Ordinal)).Value;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path, content: null);

    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path, content: null);

    public Task<ApiResponse> PostAsync(string path, object? body = null) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : JsonContent.Create(body));

    public Task<ApiResponse> PostRawAsync(string path, string body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, new StringContent(body, Encoding.UTF8, contentType));

    public Task<ApiResponse> PostBytesAsync(string path, byte[] body, string contentType = "application/json") =>
        SendAsync(HttpMethod.Post, path, new ByteArrayContent(body) { Headers = { ContentType = new(contentType) } });

    /// <summary>Fetches a page so the server hands out the CSRF cookie, as opening the app does.</summary>
    public Task<ApiResponse> PrimeAsync() => GetAsync("/healthz/live");

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, HttpContent? content, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        if (method != HttpMethod.Get)
        {
            request.Headers.Add("Origin", Origin);
            var csrf = Cookies.FirstOrDefault(c => c.Key.EndsWith("ff_csrf", StringComparison.Ordinal)).Value;
            if (SendCsrf && csrf is not null)
            {
                request.Headers.Add("X-CSRF-Token", csrf);
            }
        }

        if (Bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Bearer);
        }

        if (UserAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(UserAgent);
        }

        configure?.Invoke(request);
        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        StoreCookies(response);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        JsonElement? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            json = JsonDocument.Parse(text).RootElement.Clone();
        }

        return new ApiResponse(
            response.StatusCode,
            json,
            text,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    public void Dispose() => _http.Dispose();

    private void StoreCookies(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return;
        }

        foreach (var cookie in cookies)
        {
            var pair = cookie.Split(';')[0];
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var (name, value) = (pair[..eq], pair[(eq + 1)..]);
            var expired = cookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase) || value.Length == 0;
            if (expired)
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        LastSetCookies = [.. cookies];
    }

    public IReadOnlyList<string> LastSetCookies { get; private set; } = [];
}

public sealed record ApiResponse(HttpStatusCode Status, JsonElement? Json, string Text, IReadOnlyDictionary<string, string> Headers)
{
    public JsonElement Body => Json ?? throw new InvalidOperationException($"No JSON body ({(int)Status}): {Text}");

    public string? ErrorCode => Json is { } json && json.TryGetProperty("error", out var error) ? error.GetProperty("code").GetString() : null;
}
