using System.Net;
using System.Text.RegularExpressions;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>The headers the app itself sends: HSTS on an https origin, the app's CSP, and the API docs page's own CSP.</summary>
public sealed partial class SecurityHeadersTests(SessionCookieTests.HttpsApi https, ApiFixture http)
    : IClassFixture<SessionCookieTests.HttpsApi>, IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("/api/v1/auth/me")]
    [InlineData("/healthz/live")]
    [InlineData("/api/v1/docs/")]
    [InlineData("/API/v1/auth/me")]
    public async Task An_https_origin_gets_hsts_from_the_app_on_every_response(string path)
    {
        using var client = https.Host.Client(SessionCookieTests.Origin);

        var response = await client.GetAsync(path);

        Assert.Equal("max-age=63072000; includeSubDomains", response.Headers.GetValueOrDefault("Strict-Transport-Security"));
    }

    [Fact]
    public async Task An_http_origin_gets_no_hsts()
    {
        using var client = http.Host.Client();

        var response = await client.GetAsync("/api/v1/auth/me");

        Assert.False(response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task The_app_policy_forbids_base_elements_and_inline_scripts()
    {
        using var client = http.Host.Client();

        var policy = Directives((await client.GetAsync("/healthz/live")).Headers["Content-Security-Policy"]);

        Assert.Equal(["'none'"], policy["base-uri"]);
        Assert.Equal(["'self'"], policy["script-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
    }

    [Fact]
    public async Task The_docs_page_runs_its_scripts_by_a_fresh_nonce_and_nothing_else_inline()
    {
        using var client = http.Host.Client();

        var first = await client.GetAsync("/api/v1/docs/");
        var second = await client.GetAsync("/api/v1/docs/");

        Assert.Equal(HttpStatusCode.OK, first.Status);
        var policy = Directives(first.Headers["Content-Security-Policy"]);
        var nonce = Assert.Single(policy["script-src"], s => s.StartsWith("'nonce-", StringComparison.Ordinal))[7..^1];
        Assert.Equal(["'self'", $"'nonce-{nonce}'"], policy["script-src"]);
        Assert.Equal(["'none'"], policy["base-uri"]);
        Assert.Equal(["'self'"], policy["connect-src"]);
        Assert.Equal(["'none'"], policy["frame-ancestors"]);
        var scripts = ScriptTag().Matches(first.Text);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag.Value, StringComparison.Ordinal));
        Assert.NotEqual(first.Headers["Content-Security-Policy"], second.Headers["Content-Security-Policy"]);
        // Scalar's own font CDN and telemetry would be other origins; both are off.
        Assert.Contains("\"withDefaultFonts\":false", first.Text, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", first.Text, StringComparison.Ordinal);
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..], StringComparer.Ordinal);

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
