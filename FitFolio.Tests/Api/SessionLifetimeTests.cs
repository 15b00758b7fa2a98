using System.Net;
using FitFolio.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace FitFolio.Tests.Api;

/// <summary>Session lifetimes on a hand-moved clock: rotation at 7 days, idle end at 3 days, absolute end at 14.</summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.ClockedApi api) : IClassFixture<SessionLifetimeTests.ClockedApi>
{
    public sealed class ClockedApi(PostgresServer server) : ApiFixture(server)
    {
        public ManualClock Clock { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
    }

    [Fact]
    public async Task A_session_used_every_day_is_rotated_after_seven_days_and_ends_at_fourteen()
    {
        using var client = await api.SignedInClientAsync("daily@example.com");
        var original = client.SessionCookie!;

        for (var day = 1; day <= 6; day++)
        {
            api.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
            Assert.Equal(original, client.SessionCookie);
        }

        api.Clock.Advance(TimeSpan.FromDays(1.1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        var rotated = client.SessionCookie!;
        Assert.NotEqual(original, rotated);
        Assert.Equal(original.Split('.')[0], rotated.Split('.')[0]);

        using var thief = api.Host.Client();
        thief.Cookies["ff_session"] = original;
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/v1/auth/me")).Status);

        for (var day = 8; day <= 13; day++)
        {
            api.Clock.Advance(TimeSpan.FromDays(1));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        }

        api.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task A_session_unused_for_three_days_ends()
    {
        using var client = await api.SignedInClientAsync("idle@example.com");

        api.Clock.Advance(TimeSpan.FromDays(2.9));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        api.Clock.Advance(TimeSpan.FromDays(3.01));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task A_sign_in_link_expires_after_ten_minutes()
    {
        using var client = api.Host.Client();
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "ten-minutes@example.com" });
        var token = SignInMail.TokenOf(await api.Mail.WaitForAsync("ten-minutes@example.com"));

        api.Clock.Advance(TimeSpan.FromMinutes(10.01));

        Assert.Equal("invalid_or_expired", (await client.PostAsync("/api/v1/auth/magic-link/verify", new { token })).ErrorCode);
    }

    [Fact]
    public async Task An_unverified_user_can_ask_for_a_new_verification_link_and_a_verified_one_is_told_it_is_done()
    {
        using var verified = await api.SignedInClientAsync("resend@example.com");

        var response = await verified.PostAsync("/api/v1/auth/email/resend");

        Assert.Equal(HttpStatusCode.Conflict, response.Status);
        Assert.Equal("already_verified", response.ErrorCode);
    }
}
