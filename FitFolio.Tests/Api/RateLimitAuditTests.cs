using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// A flood of refused requests is audited as one row per counter and window, carrying how many it
/// refused, so the flood does not become a write per request. One link check per 10 seconds here.
/// </summary>
public sealed class RateLimitAuditTests(RateLimitAuditTests.OneCheckPerTenSeconds api) : IClassFixture<RateLimitAuditTests.OneCheckPerTenSeconds>
{
    private const string Verify = "/api/v1/auth/magic-link/verify";

    public sealed class OneCheckPerTenSeconds(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousLimits)
        {
            ["RateLimits:VerifyPerIp:Limit"] = "1",
            ["RateLimits:VerifyPerIp:Window"] = "00:00:10",
        };
    }

    [Fact]
    public async Task Refused_requests_write_one_audit_row_per_window_whose_count_is_completed_when_the_window_closes()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();

        var flood = new List<HttpStatusCode>();
        for (var i = 0; i < 26; i++)
        {
            flood.Add((await client.PostAsync(Verify, new { token = "not-a-token" })).Status);
        }

        Assert.Equal(HttpStatusCode.BadRequest, flood[0]);
        Assert.All(flood.Skip(1), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(1L, await CountAsync("select count(*) from login_events where event_type = 'rate_limited' and details->>'policy' = 'verify-ip'"));
        await Eventually.TrueAsync(
            async () => await CountAsync(
                "select coalesce(max((details->>'refusals')::bigint), 0) from login_events where event_type = 'rate_limited' and details->>'policy' = " +
                    "'verify-ip'") == 25,
            TimeSpan.FromSeconds(30),
            "the summary row to carry all 25 refusals once its window closed");
        Assert.Equal(10L, await CountAsync(
            "select (details->>'window_seconds')::bigint from login_events where event_type = 'rate_limited' and details->>'policy' = 'verify-ip'"));

        // The window has closed: the next refusal starts a new row.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync(Verify, new { token = "not-a-token" })).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync(Verify, new { token = "not-a-token" })).Status);
        Assert.Equal(2L, await CountAsync("select count(*) from login_events where event_type = 'rate_limited' and details->>'policy' = 'verify-ip'"));
        Assert.Equal(
            1L,
            await CountAsync(
                "select (details->>'refusals')::bigint from login_events where event_type = 'rate_limited' and details->>'policy' = 'verify-ip' order by id desc limit 1"));
    }

    private Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters) => api.Database.CountAsync(sql, parameters);
}
