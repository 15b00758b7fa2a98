using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>With no provider configured there is nothing to list and nothing to start.</summary>
public sealed class ProvidersOffTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task No_configured_provider_lists_none_and_starts_none()
    {
        using var browser = api.Host.Client();

        Assert.Empty((await browser.GetAsync("/api/v1/auth/providers")).Body.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/v1/auth/external/oidc/start")).Status);
    }
}
