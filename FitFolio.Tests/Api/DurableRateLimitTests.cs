using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// The low-rate security windows (an address's sign-in mail, API-key failures per client) are in
/// Orleans grain storage: stopping every silo and starting new ones does not reset them.
/// </summary>
public sealed class DurableRateLimitTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task An_exhausted_window_is_still_exhausted_after_every_silo_restarts()
    {
        await using var cluster = await ApiCluster.StartAsync(database.ConnectionString, 2, new Dictionary<string, string?>
        {
            // Windows long enough to outlast the restart on a loaded machine; the limits are the defaults' shape.
            ["RateLimits:ApiKeyFailuresPerIp:Limit"] = "3",
            ["RateLimits:ApiKeyFailuresPerIp:Window"] = "00:30:00",
            ["RateLimits:MagicLinkStartPerIp:Limit"] = "1000",
        });
        const string email = "durable-window@example.com";
        using (var client = cluster.Hosts[0].Client())
        {
            await client.PrimeAsync();
            Assert.Equal(
                [HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests],
                await StartsAsync(client, email, 4));
            Assert.Equal(
                [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests],
                await BadKeysAsync(client, 4));
        }

        foreach (var host in cluster.Hosts.ToList())
        {
            await host.StopAsync();
        }

        var restarted = await cluster.AddHostAsync();
        await cluster.AddHostAsync();
        await cluster.WaitUntilWholeAsync();

        using var after = restarted.Client();
        await after.PrimeAsync();
        Assert.Equal([HttpStatusCode.TooManyRequests], await StartsAsync(after, email, 1));
        Assert.Equal([HttpStatusCode.TooManyRequests], await BadKeysAsync(after, 1));
        Assert.Equal([HttpStatusCode.Accepted], await StartsAsync(after, "durable-window-other@example.com", 1));
    }

    private static async Task<List<HttpStatusCode>> StartsAsync(ApiClient client, string email, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await client.PostAsync("/api/v1/auth/magic-link/start", new { email })).Status);
        }

        return statuses;
    }

    private static async Task<List<HttpStatusCode>> BadKeysAsync(ApiClient client, int count)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            client.Bearer = "ffk_short";
            statuses.Add((await client.GetAsync("/api/v1/account")).Status);
        }

        client.Bearer = null;
        return statuses;
    }
}
