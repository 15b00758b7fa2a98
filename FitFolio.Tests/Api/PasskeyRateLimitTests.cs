using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>Passkey ceremonies under the default per-IP limits: 10 starts and 20 finishes a minute.</summary>
public sealed class PasskeyRateLimitTests(PasskeyRateLimitTests.DefaultPasskeyLimits api) : IClassFixture<PasskeyRateLimitTests.DefaultPasskeyLimits>
{
    public sealed class DefaultPasskeyLimits(PostgresServer server) : PasskeyApi(server)
    {
        protected override IDictionary<string, string?> Settings => GenerousLimits;
    }

    [Fact]
    public async Task The_eleventh_start_and_the_twenty_first_finish_in_a_minute_are_refused()
    {
        using var client = await api.SignedOutClientAsync();

        var starts = new List<HttpStatusCode>();
        for (var i = 0; i < 11; i++)
        {
            starts.Add((await client.PostRawAsync(PasskeySteps.Base + "/authenticate/start", "{}")).Status);
        }

        var finishes = new List<ApiResponse>();
        for (var i = 0; i < 21; i++)
        {
            finishes.Add(
                await client.PostRawAsync(PasskeySteps.Base + "/authenticate/finish", "{\"ceremonyId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"credential\":{}}"));
        }

        Assert.All(starts.Take(10), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, starts[10]);
        Assert.All(finishes.Take(20), f => Assert.Equal("unknown_ceremony", f.ErrorCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, finishes[20].Status);
        Assert.Equal("rate_limited", finishes[20].ErrorCode);
        Assert.True(finishes[20].Headers.ContainsKey("Retry-After"));
    }
}
