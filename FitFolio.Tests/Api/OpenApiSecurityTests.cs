using System.Net;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// The OpenAPI document declares both ways in (the session cookie with its CSRF header, and API keys) on the
/// operations that accept each, and says so in words an API key holder can act on; what it declares is what
/// the server does.
/// </summary>
public sealed class OpenApiSecurityTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task The_document_declares_the_session_cookie_the_csrf_header_and_api_keys()
    {
        var schemes = (await DocumentAsync()).GetProperty("components").GetProperty("securitySchemes");

        var session = schemes.GetProperty("session");
        Assert.Equal("apiKey", session.GetProperty("type").GetString());
        Assert.Equal("cookie", session.GetProperty("in").GetString());
        Assert.Equal("ff_session", session.GetProperty("name").GetString());
        var csrf = schemes.GetProperty("csrf");
        Assert.Equal("header", csrf.GetProperty("in").GetString());
        Assert.Equal("X-CSRF-Token", csrf.GetProperty("name").GetString());
        var key = schemes.GetProperty("apiKey");
        Assert.Equal("http", key.GetProperty("type").GetString());
        Assert.Equal("bearer", key.GetProperty("scheme").GetString());
    }

    [Theory]
    [InlineData("get", "/api/v1/account", "apiKey", "session")]
    [InlineData("post", "/api/v1/training/programs", "apiKey", "session+csrf")]
    [InlineData("delete", "/api/v1/training/workouts/{id}", "apiKey", "session+csrf")]
    [InlineData("get", "/api/v1/auth/me", "session")]
    [InlineData("post", "/api/v1/account/api-keys", "session+csrf")]
    [InlineData("get", "/api/v1/admin/users", "session")]
    [InlineData("post", "/api/v1/admin/users/{id}/lock", "session+csrf")]
    [InlineData("post", "/api/v1/auth/magic-link/verify", "csrf")]
    [InlineData("post", "/api/v1/auth/magic-link/start", "")]
    [InlineData("get", "/healthz/live", "")]
    public async Task Each_operation_requires_what_its_filters_enforce(string method, string path, params string[] expected)
    {
        var operation = (await DocumentAsync()).GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(expected, Requirements(operation));
    }

    [Fact]
    public async Task Every_operation_has_a_short_summary_a_longer_description_and_its_credentials_in_words()
    {
        var operations = Operations(await DocumentAsync()).ToList();

        Assert.True(operations.Count > 70, $"{operations.Count} operations");
        Assert.All(operations, o =>
        {
            var summary = o.Operation.GetProperty("summary").GetString()!;
            var description = o.Operation.GetProperty("description").GetString()!;
            Assert.InRange(summary.Length, 5, 40);
            Assert.True(description.Length > summary.Length * 2, $"{o.Method} {o.Path}: {description}");
            Assert.Contains("**Credentials:**", description, StringComparison.Ordinal);
            Assert.Equal(Requirements(o.Operation).Contains("apiKey"), description.Contains("Bearer ffk_", StringComparison.Ordinal));
        });
    }

    /// <summary>
    /// Every GET without path parameters, called with a live key holding both scopes: the operations the
    /// document says take a key answer, and every other one refuses the key (403 api_key_not_allowed).
    /// </summary>
    [Fact]
    public async Task What_the_document_says_about_api_keys_is_what_the_server_does()
    {
        var document = await DocumentAsync();
        using var owner = await api.SignedInClientAsync("openapi-keys@example.com");
        var created = await owner.PostAsync("/api/v1/account/api-keys", new { name = "docs", scopes = new[] { "read", "write" } });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        using var script = api.Host.Client();
        script.Bearer = created.Body.GetProperty("secret").GetString();
        var gets = Operations(document).Where(o => o.Method == "get" && o.Path.StartsWith("/api/v1/", StringComparison.Ordinal) && !o.Path.Contains('{')
            && !o.Path.Contains("/docs", StringComparison.Ordinal)).ToList();

        Assert.Contains(gets, o => Requirements(o.Operation).Contains("apiKey"));
        Assert.Contains(gets, o => !Requirements(o.Operation).Contains("apiKey"));
        foreach (var (_, path, operation) in gets)
        {
            var answer = await script.GetAsync(path);
            if (Requirements(operation).Contains("apiKey"))
            {
                Assert.True(answer.Status is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {(int)answer.Status} {answer.Text}");
            }
            else
            {
                Assert.True(
                    answer.Status == HttpStatusCode.Forbidden && answer.ErrorCode == "api_key_not_allowed", $"{path}: {(int)answer.Status} {answer.Text}");
            }
        }
    }

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = api.Host.Client();
        var document = await client.GetAsync("/api/v1/openapi.json");
        Assert.Equal(HttpStatusCode.OK, document.Status);
        return document.Body;
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        where Methods.Contains(operation.Name)
        select (operation.Name, path.Name, operation.Value);

    /// <summary>Each requirement as its scheme names joined by '+' ("" for the empty one: no credentials).</summary>
    private static string[] Requirements(JsonElement operation) =>
        [.. operation.GetProperty("security").EnumerateArray().Select(r => string.Join('+', r.EnumerateObject().Select(s => s.Name)))];
}
