using System.Net;
using System.Net.Http.Json;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// The per-address sign-in mail quota (3 per 15 minutes by default) is counted per requesting
/// network, under an absolute cap per address (10), so someone else's requests cannot use up the
/// owner's own; passkey sign-in never depends on it. Client addresses come in X-Forwarded-For.
/// </summary>
public sealed class SignInMailQuotaTests(SignInMailQuotaTests.DefaultMailQuotas api) : IClassFixture<SignInMailQuotaTests.DefaultMailQuotas>
{
    private const string Start = "/api/v1/auth/magic-link/start";

    public sealed class DefaultMailQuotas(PostgresServer server) : PasskeyApi(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousPasskeyLimits)
        {
            ["RateLimits:MagicLinkStartPerEmail:Limit"] = null,
            ["RateLimits:MagicLinkStartPerEmailCap:Limit"] = null,
            ["FORWARDEDHEADERS_ENABLED"] = "true",
        };
    }

    [Fact]
    public async Task Requests_from_another_network_do_not_use_up_the_owners_own_sign_in_mail()
    {
        const string victim = "quota-victim@example.com";
        using var client = api.Host.Client();

        var fromOneAddress = await StartsAsync(client, victim, "203.0.113.66", "203.0.113.66", "203.0.113.66", "203.0.113.66");
        var rotatingIn64 = await StartsAsync(client, victim, "2001:db8:66:1::1", "2001:db8:66:1::2", "2001:db8:66:1::3", "2001:db8:66:1::4");
        var owner = await StartsAsync(client, victim, "198.51.100.7");

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], fromOneAddress);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], rotatingIn64);
        Assert.Equal([HttpStatusCode.Accepted], owner);
        await api.Mail.WaitForAsync(victim, 7);
    }

    [Fact]
    public async Task The_per_address_cap_holds_across_networks_and_passkey_sign_in_is_unaffected()
    {
        const string owner = "quota-capped@example.com";
        using var authenticator = new SoftwareAuthenticator();
        using (var signedIn = await api.SignedInClientAsync(owner))
        {
            await signedIn.RegisterAsync(authenticator);
        }

        using var client = api.Host.Client();
        var flood = new List<HttpStatusCode>();
        foreach (var network in new[] { "203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4" })
        {
            flood.AddRange(await StartsAsync(client, owner, network, network, network));
        }

        // The owner's own sign-in above was the first of the ten.
        Assert.Equal(9, flood.Count(s => s == HttpStatusCode.Accepted));
        Assert.Equal(HttpStatusCode.TooManyRequests, flood[^1]);
        Assert.Equal([HttpStatusCode.TooManyRequests], await StartsAsync(client, owner, "198.51.100.8"));
        using var device = await api.SignedOutClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await device.SignInAsync(authenticator, owner)).Status);
    }

    private static async Task<List<HttpStatusCode>> StartsAsync(ApiClient client, string email, params string[] addresses)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in addresses)
        {
            var response = await client.SendAsync(
                HttpMethod.Post, Start, JsonContent.Create(new { email }), request => request.Headers.Add("X-Forwarded-For", address));
            statuses.Add(response.Status);
        }

        return statuses;
    }
}
