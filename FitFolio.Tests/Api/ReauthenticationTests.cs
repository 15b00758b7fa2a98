using System.Net;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>Sensitive changes need a sign-in within 10 minutes, or a fresh passkey assertion inside the session.</summary>
public sealed class ReauthenticationTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Start = PasskeySteps.ReauthenticateBase + "/start";
    private const string Finish = PasskeySteps.ReauthenticateBase + "/finish";

    [Fact]
    public async Task Every_sensitive_change_is_refused_once_the_sign_in_is_no_longer_recent_and_nothing_changes()
    {
        using var client = await api.SignedInClientAsync("stale-everything@example.com");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        var passkeyId = (await client.RegisterAsync(first)).GetProperty("id").GetString();
        await client.RegisterAsync(second);
        api.LetSignInGoStale();

        var responses = new[]
        {
            await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + passkeyId),
            await client.PostAsync(PasskeySteps.Base + "/register/start"),
            await client.PostRawAsync(PasskeySteps.Base + "/register/finish", "{\"credential\":{}}"),
            await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", JsonBody("{\"enabled\":false}")),
            await client.PostAsync("/api/v1/account/api-keys", new { name = "k", scopes = new[] { "read" } }),
            await client.PostAsync("/api/v1/account/email-change", new { newEmail = "elsewhere@example.com" }),
            await client.DeleteAsync("/api/v1/account"),
        };

        Assert.All(responses, r =>
        {
            Assert.Equal(HttpStatusCode.Forbidden, r.Status);
            Assert.Equal("reauthentication_required", r.ErrorCode);
        });
        Assert.Equal(2L, await api.PasskeyCountAsync("stale-everything@example.com"));
        Assert.True(await api.ScalarAsync<bool>("select email_sign_in_enabled from users where email = 'stale-everything@example.com'"));
        Assert.Equal(0L, await api.CountAsync("select count(*) from email_changes"
            + " where user_id = (select id from users where email = 'stale-everything@example.com')"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Fact]
    public async Task Turning_email_sign_in_back_on_needs_no_recent_sign_in()
    {
        using var client = await api.SignedInClientAsync("back-on@example.com");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);
        await client.RegisterAsync(second);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", JsonBody("{\"enabled\":false}"))).Status);
        api.LetSignInGoStale();

        var on = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", JsonBody("{\"enabled\":true}"));

        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.True(on.Body.GetProperty("emailSignInEnabled").GetBoolean());
        Assert.Equal(2L, await api.AuditCountAsync("email_sign_in_changed", "back-on@example.com"));
    }

    [Fact]
    public async Task A_passkey_assertion_makes_the_session_recent_again_and_is_stored_with_it()
    {
        using var client = await api.SignedInClientAsync("reauth@example.com");
        using var authenticator = new SoftwareAuthenticator();
        var passkeyId = (await client.RegisterAsync(authenticator)).GetProperty("id").GetString();
        api.LetSignInGoStale();
        Assert.Equal("reauthentication_required", (await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + passkeyId)).ErrorCode);

        var (ceremonyId, options) = await client.StartReauthenticationAsync();
        var finish = await client.FinishReauthenticationAsync(ceremonyId, authenticator.Authenticate(options, client.Origin));

        Assert.Equal(HttpStatusCode.NoContent, finish.Status);
        Assert.Equal(1L, await api.AuditCountAsync("reauthenticated", "reauth@example.com"));
        Assert.Equal(1L, await api.CountAsync("select count(*) from sessions where authenticated_at > created_at"
            + " and user_id = (select id from users where email = 'reauth@example.com')"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync(PasskeySteps.Base + "/credentials/" + passkeyId)).Status);
    }

    [Fact]
    public async Task Re_authentication_refuses_another_persons_passkey_a_sign_in_ceremony_and_a_second_use()
    {
        using var client = await api.SignedInClientAsync("reauth-strict@example.com");
        using var mine = new SoftwareAuthenticator();
        await client.RegisterAsync(mine);
        using var other = await api.SignedInClientAsync("reauth-other@example.com");
        using var theirs = new SoftwareAuthenticator();
        await other.RegisterAsync(theirs);
        api.LetSignInGoStale();

        var (ceremonyId, options) = await client.StartReauthenticationAsync();
        var withTheirs = await client.FinishReauthenticationAsync(ceremonyId, theirs.Authenticate(options, client.Origin));
        var replayed = await client.FinishReauthenticationAsync(ceremonyId, mine.Authenticate(options, client.Origin));
        var (signInCeremony, signInOptions) = await client.StartSignInAsync();
        var withSignInCeremony = await client.FinishReauthenticationAsync(signInCeremony, mine.Authenticate(signInOptions, client.Origin));

        Assert.Equal(HttpStatusCode.BadRequest, withTheirs.Status);
        Assert.Equal("unknown_ceremony", replayed.ErrorCode);
        Assert.Equal("unknown_ceremony", withSignInCeremony.ErrorCode);
        Assert.Equal(
            "reauthentication_required", (await client.PostAsync("/api/v1/account/api-keys", new { name = "k", scopes = new[] { "read" } })).ErrorCode);
    }

    [Fact]
    public async Task A_stolen_cookie_whose_sign_in_is_not_recent_cannot_add_a_passkey_and_so_cannot_make_itself_recent()
    {
        using var owner = await api.SignedInClientAsync("stolen-cookie@example.com");
        using var thief = ApiCluster.CloneOnto(owner, api.Host);

        api.LetSignInGoStale();

        var start = await thief.PostAsync(PasskeySteps.Base + "/register/start");
        var finish = await thief.PostRawAsync(PasskeySteps.Base + "/register/finish", "{\"credential\":{}}");
        var reauthenticate = await thief.PostAsync(Start);

        Assert.Equal(HttpStatusCode.Forbidden, start.Status);
        Assert.Equal("reauthentication_required", start.ErrorCode);
        Assert.Equal("reauthentication_required", finish.ErrorCode);
        Assert.Equal("no_passkey", reauthenticate.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("stolen-cookie@example.com"));
        Assert.Equal(0L, await api.AuditCountAsync("webauthn_register_start", "stolen-cookie@example.com"));
        Assert.Equal("reauthentication_required", (await thief.DeleteAsync("/api/v1/account")).ErrorCode);
    }

    [Fact]
    public async Task A_registration_started_while_the_sign_in_was_recent_is_refused_once_it_is_not()
    {
        using var client = await api.SignedInClientAsync("slow-register@example.com");
        using var authenticator = new SoftwareAuthenticator();
        api.Clock.Advance(TimeSpan.FromMinutes(8));
        var options = await client.StartRegistrationAsync();
        api.Clock.Advance(TimeSpan.FromMinutes(3));

        var finish = await client.FinishRegistrationAsync(authenticator.Register(options, client.Origin));

        Assert.Equal(HttpStatusCode.Forbidden, finish.Status);
        Assert.Equal("reauthentication_required", finish.ErrorCode);
        Assert.Equal(0L, await api.PasskeyCountAsync("slow-register@example.com"));
    }

    [Fact]
    public async Task The_passkey_offer_right_after_signing_in_needs_no_confirmation_and_a_passkey_confirmation_allows_the_next_one()
    {
        using var client = await api.SignedInClientAsync("welcome-offer@example.com");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();

        var offered = await client.FinishRegistrationAsync(first.Register(await client.StartRegistrationAsync(), client.Origin));
        api.LetSignInGoStale();
        var stale = await client.PostAsync(PasskeySteps.Base + "/register/start");
        await client.ReauthenticateAsync(first);
        var confirmed = await client.FinishRegistrationAsync(second.Register(await client.StartRegistrationAsync(), client.Origin));

        Assert.Equal(HttpStatusCode.Created, offered.Status);
        Assert.Equal("reauthentication_required", stale.ErrorCode);
        Assert.Equal(HttpStatusCode.Created, confirmed.Status);
        Assert.Equal(2L, await api.PasskeyCountAsync("welcome-offer@example.com"));
    }

    [Fact]
    public async Task Without_a_passkey_re_authentication_says_to_sign_in_again()
    {
        using var client = await api.SignedInClientAsync("no-passkey-reauth@example.com");

        var start = await client.PostAsync(Start);

        Assert.Equal(HttpStatusCode.Conflict, start.Status);
        Assert.Equal("no_passkey", start.ErrorCode);
    }

    [Theory]
    [InlineData("{}", "unknown_ceremony")]
    [InlineData("{\"ceremonyId\":\"short\",\"credential\":{}}", "unknown_ceremony")]
    [InlineData("{\"ceremonyId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"credential\":{}}", "unknown_ceremony")]
    [InlineData("[1,2]", "invalid_json")]
    public async Task A_malformed_re_authentication_gets_a_clear_400(string body, string code)
    {
        using var client = await api.SignedInClientAsync("reauth-bad@example.com");

        var response = await client.PostRawAsync(Finish, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    private static StringContent JsonBody(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
