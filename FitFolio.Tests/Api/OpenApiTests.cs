using System.Net;
using System.Text.Json;
using FitFolio.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

public sealed class OpenApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task The_openapi_document_describes_every_api_route()
    {
        using var client = api.Host.Client();
        var document = await client.GetAsync("/api/v1/openapi.json");
        var routes = api.Host.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'))
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal)
                && !p.Contains("openapi", StringComparison.Ordinal)
                && !p.Contains("/docs", StringComparison.Ordinal)
                // The Orleans Dashboard's page and the routes it polls are a package's UI, like the docs page, not FitFolio's API.
                && !p.StartsWith(FitFolio.Api.Dashboard.ClusterDashboard.Path, StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Equal(HttpStatusCode.OK, document.Status);
        var paths = document.Body.GetProperty("paths").EnumerateObject().Select(p => p.Name.TrimEnd('/')).ToHashSet();
        Assert.NotEmpty(routes);
        Assert.All(routes, route => Assert.Contains(route, paths));
    }

    [Fact]
    public async Task Every_operation_declares_its_success_answer()
    {
        using var client = api.Host.Client();
        var document = await client.GetAsync("/api/v1/openapi.json");

        Assert.Equal(HttpStatusCode.OK, document.Status);
        // A client generator or a person reading the docs learns the shape of a success only from a declared 2xx, or for a
        // browser navigation such as starting a provider sign-in, the redirect that is its success.
        var undeclared = document.Body.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .Where(operation => operation.Value.TryGetProperty("responses", out _))
            .Where(operation => !operation.Value.GetProperty("responses").EnumerateObject().Any(r => r.Name[0] is '2' or '3'))
            .Select(operation => operation.Name)
            .ToList();
        Assert.Empty(undeclared);
    }

    [Fact]
    public async Task Every_state_changing_operation_says_what_it_does_with_an_idempotency_key()
    {
        using var client = api.Host.Client();
        var document = await client.GetAsync("/api/v1/openapi.json");
        var operations = document.Body.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Key: $"{operation.Name} {path.Name.TrimEnd('/')}", operation.Value)))
            .Where(operation => !operation.Key.StartsWith("get ", StringComparison.Ordinal))
            .Where(operation => !operation.Key.StartsWith("parameters ", StringComparison.Ordinal))
            .ToDictionary(operation => operation.Key, operation => operation.Value, StringComparer.Ordinal);
        static string? Idempotency(JsonElement operation) =>
            operation.TryGetProperty("x-idempotency-key", out var value) ? value.GetString() : null;

        Assert.Empty(operations.Where(o => Idempotency(o.Value) is not ("honoured" or "ignored")).Select(o => o.Key));
        // Routes whose answer carries a credential or sets a cookie are excluded, and say why.
        string[] credentials =
        [
            "post /api/v1/auth/magic-link/verify", "post /api/v1/auth/logout", "post /api/v1/auth/recovery-codes/verify", "post /api/v1/auth/recovery-codes",
            "post /api/v1/auth/webauthn/register/start", "post /api/v1/auth/webauthn/register/finish", "post /api/v1/auth/webauthn/authenticate/start",
            "post /api/v1/auth/webauthn/authenticate/finish", "post /api/v1/auth/reauthenticate/start", "post /api/v1/auth/reauthenticate/finish",
            "post /api/v1/account/api-keys", "delete /api/v1/account", "put /api/v1/auth/email-sign-in",
            "post /api/v1/account/external-identities/{provider}/link",
        ];
        Assert.All(credentials, key =>
        {
            Assert.Equal("ignored", Idempotency(operations[key]));
            Assert.Contains(
                "**Idempotency-Key:** ignored. Its answer carries a credential or sets a cookie", operations[key].GetProperty("description").GetString());
        });
        // The training log's writes and the user grain's honour it: the header is a parameter, with its refusals.
        var honoured = operations.Where(o => Idempotency(o.Value) == "honoured").ToList();
        Assert.Subset(
            honoured.Select(o => o.Key).ToHashSet(),
            new HashSet<string>
            {
                "post /api/v1/training/workouts", "post /api/v1/training/workouts/{id}/exercises/{exerciseId}/sets", "delete /api/v1/auth/sessions/{id}",
                "post /api/v1/auth/sessions/revoke-all-others", "patch /api/v1/auth/webauthn/credentials/{id}", "delete /api/v1/auth/webauthn/credentials/{id}",
                "post /api/v1/account/email-change/confirm", "post /api/v1/admin/users/{id}/lock", "post /api/v1/admin/users/{id}/unlock",
                "post /api/v1/admin/users/{id}/revoke-sessions",
                "delete /api/v1/account/api-keys/{id}", "delete /api/v1/account/external-identities/{provider}/{subject}",
            });
        Assert.All(honoured, operation =>
        {
            Assert.Contains(
                operation.Value.GetProperty("parameters").EnumerateArray(),
                p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
            Assert.True(operation.Value.GetProperty("responses").TryGetProperty("422", out _), operation.Key);
        });
        Assert.Equal("ignored", Idempotency(operations["post /api/v1/training/import"]));
    }

    [Fact]
    public async Task The_docs_page_is_served_without_any_outside_script()
    {
        using var client = api.Host.Client();

        var page = await client.GetAsync("/api/v1/docs/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<script", page.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", page.Text);
    }
}
