using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

public sealed class GlobalRateLimitTests(GlobalRateLimitTests.DefaultGlobalLimit api) : IClassFixture<GlobalRateLimitTests.DefaultGlobalLimit>
{
    public sealed class DefaultGlobalLimit(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();
    }

    [Fact]
    public async Task The_thousand_and_first_api_request_from_one_address_within_a_minute_is_refused()
    {
        using var client = api.Host.Client();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 1001; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/auth/me")).Status);
        }

        Assert.All(statuses.Take(1000), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        var refused = await client.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[1000]);
        Assert.Equal("rate_limited", refused.ErrorCode);
        Assert.True(refused.Headers.ContainsKey("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz/live")).Status);
    }
}
