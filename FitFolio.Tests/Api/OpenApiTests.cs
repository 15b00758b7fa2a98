using System.Net;
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
    public async Task The_docs_page_is_served_without_any_outside_script()
    {
        using var client = api.Host.Client();

        var page = await client.GetAsync("/api/v1/docs/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<script", page.Text, StringComparison.Ordinal);
        Assert.DoesNotMatch("<script[^>]+src=\"https?://", page.Text);
    }
}
