using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>The default limits, on one host (cluster-wide exactness is in <see cref="SignInClusterTests"/>).</summary>
public sealed class RateLimitTests(RateLimitTests.DefaultLimits api) : IClassFixture<RateLimitTests.DefaultLimits>
{
    public sealed class DefaultLimits(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
        {
            ["RateLimits:MagicLinkStartPerIp:Limit"] = "1000",
            ["RateLimits:VerifyPerIp:Limit"] = "1000",
        };
    }

    [Fact]
    public async Task A_fourth_sign_in_mail_to_one_address_within_fifteen_minutes_is_refused_with_retry_after()
    {
        using var client = api.Host.Client();
        var answers = new List<ApiResponse>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "flooded@example.com" }));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].Status);
        Assert.Equal("rate_limited", answers[3].ErrorCode);
        Assert.InRange(int.Parse(answers[3].Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture), 800, 900);
        await api.Mail.WaitForAsync("flooded@example.com", 3);
    }

    [Fact]
    public async Task Failed_codes_for_an_unknown_address_are_throttled_exactly_like_a_real_one()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "guessed@example.com" });
        var code = SignInMail.CodeOf(await api.Mail.WaitForAsync("guessed@example.com"));
        var wrong = code == "12345678" ? "87654321" : "12345678";

        var ghost = await WrongCodesAsync(client, "ghost@example.com", wrong);
        var real = await WrongCodesAsync(client, "guessed@example.com", wrong);

        Assert.All(ghost.Take(4), a => Assert.Equal("invalid_or_expired", a.ErrorCode));
        Assert.All(ghost.Skip(4), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.Status));
        Assert.Equal(real.Select(a => (a.Status, a.Text.Split("\"request_id\"")[0])), ghost.Select(a => (a.Status, a.Text.Split("\"request_id\"")[0])));
        Assert.All(real.Concat(ghost).Skip(4).Where(a => a.Status == HttpStatusCode.TooManyRequests), a =>
            Assert.InRange(int.Parse(a.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture), 800, 900));
    }

    private static async Task<List<ApiResponse>> WrongCodesAsync(ApiClient client, string email, string code)
    {
        var answers = new List<ApiResponse>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await client.PostAsync("/api/v1/auth/magic-link/verify", new { email, code }));
        }

        return answers;
    }

    [Fact]
    public async Task Throttling_is_audited()
    {
        using var client = api.Host.Client();
        for (var i = 0; i < 4; i++)
        {
            await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "audited-flood@example.com" });
        }

        await using var command = api.Database.DataSource.CreateCommand(
            "select count(*) from login_events where event_type = 'rate_limited' and details->>'policy' = 'magic-start-email'");
        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! >= 1);
    }
}
