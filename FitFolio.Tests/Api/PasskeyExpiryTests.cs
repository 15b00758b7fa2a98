using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>Challenges expire with the ceremony timeout: here one tick, so every challenge is stale by the time it is answered.</summary>
public sealed class PasskeyExpiryTests(PasskeyExpiryTests.ExpiringCeremonies api) : IClassFixture<PasskeyExpiryTests.ExpiringCeremonies>
{
    public sealed class ExpiringCeremonies(PostgresServer server) : PasskeyApi(server)
    {
        protected override IDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?>(GenerousPasskeyLimits) { ["Auth:PasskeyCeremonyTimeout"] = "00:00:00.0000001" };
    }

    [Fact]
    public async Task An_expired_registration_challenge_is_refused_and_nothing_is_stored()
    {
        using var client = await api.SignedInClientAsync("late-register@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var options = await client.StartRegistrationAsync();

        var response = await client.FinishRegistrationAsync(authenticator.Register(options, client.Origin));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("challenge_expired", response.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("late-register@example.com"));
    }

    [Fact]
    public async Task An_expired_sign_in_challenge_is_refused()
    {
        using var authenticator = new SoftwareAuthenticator();
        using var client = await api.SignedOutClientAsync();

        var response = await client.SignInAsync(authenticator);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("challenge_expired", response.ErrorCode);
        Assert.Null(client.SessionCookie);
    }
}
