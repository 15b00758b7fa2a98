using System.Net;
using System.Net.Sockets;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A deployment that configures exactly one provider. ASP.NET Core makes a lone authentication scheme the default one, and the
/// authentication middleware then authenticated every request with the provider's handler, whose sign-in scheme does not exist:
/// every request answered 500. And a provider that is down when a sign-in starts sends the person to a clear error page.
/// </summary>
public sealed class OneProviderTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task With_one_provider_and_that_provider_down_every_route_still_answers_and_its_start_ends_on_the_error_page()
    {
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits)
        {
            ["RateLimits:ExternalStartPerIp:Limit"] = "10000",
            ["ExternalSignIn:Oidc:Authority"] = $"http://127.0.0.1:{ClosedPort()}/",
            ["ExternalSignIn:Oidc:ClientId"] = "fitfolio",
            ["ExternalSignIn:Oidc:ClientSecret"] = "oidc-client-secret",
        };
        await using var host = await ApiHost.StartAsync(database.ConnectionString, smtpPort: 1, settings);
        using var browser = host.Client();

        var me = await browser.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
        Assert.NotNull(me.ErrorCode);
        Assert.Equal(["oidc"], (await browser.GetAsync("/api/v1/auth/providers")).Body.GetProperty("items").EnumerateArray()
            .Select(p => p.GetProperty("id").GetString()));

        var start = await browser.GetAsync("/api/v1/auth/external/oidc/start");

        Assert.Equal(HttpStatusCode.Redirect, start.Status);
        Assert.EndsWith("/signin?external_error=unavailable", start.Headers["Location"], StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound, read and released, so a connection to it is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
