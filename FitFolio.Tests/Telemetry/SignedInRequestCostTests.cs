using System.Diagnostics;
using System.Net;
using FitFolio.Silo.Telemetry;
using FitFolio.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Telemetry;

/// <summary>
/// A signed-in request pays for one grain call before its endpoint: the user grain checks the session
/// and counts the request against the account's global limit in the same call. The limit still holds
/// and its refusals are still audited per account (5 requests a minute here, so the test stays short).
/// </summary>
public sealed class SignedInRequestCostTests(SignedInRequestCostTests.FivePerAccount api) : IClassFixture<SignedInRequestCostTests.FivePerAccount>
{
    public sealed class FivePerAccount(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>(GenerousLimits)
        {
            ["RateLimits:GlobalPerAccount:Limit"] = "5",
            [GrainCallTracing.Setting] = "true",
        };

        public RequestServicesProbe RequestServices { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter>(RequestServices);
    }

    [Fact]
    public async Task A_signed_in_request_makes_one_grain_call_the_session_check()
    {
        using var activities = new ActivityCollector();
        using var client = await api.SignedInClientAsync("one-call@example.com");
        var requestId = "one-call-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var request = await activities.RequestAsync(requestId);
        var calls = activities.InTrace(request.TraceId)
            .Where(a => a.Source.Name == "Microsoft.Orleans.Application" && a.Kind == ActivityKind.Client)
            .Select(a => a.DisplayName);
        Assert.Equal(["IUserGrain/CheckSession"], calls);
    }

    [Fact]
    public async Task A_signed_in_request_to_auth_me_opens_no_service_scope()
    {
        using var client = await api.SignedInClientAsync("no-scope@example.com");
        var requestId = "no-scope-" + Guid.NewGuid().ToString("N");

        var response = await client.SendAsync(HttpMethod.Get, "/api/v1/auth/me", null, r => r.Headers.Add("X-Request-ID", requestId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, await api.RequestServices.UsesOfAsync(requestId));
    }

    [Fact]
    public async Task The_account_limit_counted_with_the_session_check_refuses_and_audits_the_sixth_request()
    {
        using var client = await api.SignedInClientAsync("counted@example.com");
        var userId = Guid.Parse((await client.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString()!);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/api/v1/auth/me")).Status);
        }

        // The first /auth/me above was the first of five.
        Assert.All(statuses.Take(4), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[4]);
        Assert.Equal(
            1L,
            await api.Database.CountAsync(
                "select count(*) from login_events where event_type = 'rate_limited' and user_id = @user and details->>'policy' = 'global-account'",
                ("user", userId)));
    }
}
