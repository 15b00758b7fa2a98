using System.Net;
using System.Text;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// Per-client limits count an IPv6 client by its network (/64 unless configured), so rotating
/// addresses inside one's own prefix buys nothing, and an IPv4-mapped address as its IPv4 address.
/// The client's address is set with X-Forwarded-For (the host believes it, as behind the proxy).
/// Passkey sign-in starts are the probe: 10 a minute per client by default.
/// </summary>
public sealed class PerClientLimitTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Rotating_addresses_inside_one_ipv6_64_shares_one_budget()
    {
        await using var host = await StartAsync();
        using var client = host.Client();
        await client.PrimeAsync();

        var rotated = new List<HttpStatusCode>();
        for (var i = 1; i <= 11; i++)
        {
            rotated.Add(await StartSignInAsync(client, $"2001:db8:a:1::{i:x}"));
        }

        Assert.All(rotated.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, rotated[10]);
        Assert.Equal(HttpStatusCode.TooManyRequests, await StartSignInAsync(client, "2001:db8:a:1:ffff:ffff:ffff:ffff"));
        Assert.Equal(HttpStatusCode.OK, await StartSignInAsync(client, "2001:db8:a:2::1"));
    }

    [Fact]
    public async Task An_ipv4_mapped_address_is_the_same_client_as_its_ipv4_address()
    {
        await using var host = await StartAsync();
        using var client = host.Client();
        await client.PrimeAsync();
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StartSignInAsync(client, "198.51.100.20"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StartSignInAsync(client, "::ffff:198.51.100.20"));
        Assert.Equal(HttpStatusCode.OK, await StartSignInAsync(client, "198.51.100.21"));
    }

    [Fact]
    public async Task The_ipv6_prefix_is_configurable()
    {
        await using var host = await StartAsync(new() { ["RateLimits:IPv6PrefixLength"] = "56" });
        using var client = host.Client();
        await client.PrimeAsync();

        var across64s = new List<HttpStatusCode>();
        for (var i = 0; i <= 10; i++)
        {
            across64s.Add(await StartSignInAsync(client, $"2001:db8:b:{i:x}::1"));
        }

        Assert.All(across64s.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, across64s[10]);
        Assert.Equal(HttpStatusCode.OK, await StartSignInAsync(client, "2001:db8:b:100::1"));
    }

    private static async Task<HttpStatusCode> StartSignInAsync(ApiClient client, string address) =>
        (await client.SendAsync(HttpMethod.Post, PasskeySteps.Base
            + "/authenticate/start", new StringContent("{}", Encoding.UTF8, "application/json"), request =>
            request.Headers.Add("X-Forwarded-For", address))).Status;

    private async Task<ApiHost> StartAsync(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["FORWARDEDHEADERS_ENABLED"] = "true" };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await ApiHost.StartAsync(database.ConnectionString, smtpPort: 1, settings);
    }
}
