using System.Net;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// A session token belongs to one proof (ASVS 5.0 §7.2.4): a passkey re-check rotates it, a sign-in
/// ends the session the browser came with, and a changed address strands what was mailed to the old
/// one and, when asked, ends the other sessions.
/// </summary>
public sealed class SessionBindingTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string Me = "/api/v1/auth/me";

    [Fact]
    public async Task A_passkey_re_authentication_rotates_the_session_so_a_copy_of_the_old_cookie_is_refused()
    {
        using var owner = await api.SignedInClientAsync("rotate-on-reauth@example.com");
        using var authenticator = new SoftwareAuthenticator();
        await owner.RegisterAsync(authenticator);
        using var thief = CopyOf(owner);
        api.LetSignInGoStale();

        await owner.ReauthenticateAsync(authenticator);

        Assert.NotEqual(thief.SessionCookie, owner.SessionCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync(Me)).Status);
        Assert.Equal(
            HttpStatusCode.Unauthorized, (await thief.PostAsync("/api/v1/account/api-keys", new { name = "stolen", scopes = new[] { "read" } })).Status);
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsync("/api/v1/account/api-keys", new { name = "mine", scopes = new[] { "read" } })).Status);
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from login_events where event_type = 'session_rotated' and details->>'reason' = 'reauthenticated'"
            + " and user_id = (select id from users where email = 'rotate-on-reauth@example.com')"));
    }

    [Theory]
    [InlineData("link")]
    [InlineData("code")]
    [InlineData("passkey")]
    public async Task Signing_in_in_a_browser_that_holds_a_session_ends_that_session_on_the_server(string method)
    {
        var email = $"sign-in-again-{method}@example.com";
        using var browser = await api.SignedInClientAsync(email);
        using var authenticator = new SoftwareAuthenticator();
        await browser.RegisterAsync(authenticator);
        using var copy = CopyOf(browser);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(Me)).Status);

        var signedIn = method switch
        {
            "passkey" => await browser.SignInAsync(authenticator),
            _ => await SignInByMailAsync(browser, email, method),
        };

        Assert.Equal(HttpStatusCode.OK, signedIn.Status);
        Assert.NotEqual(copy.SessionCookie, browser.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Me)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(Me)).Status);
        Assert.Single((await browser.GetAsync("/api/v1/auth/sessions")).Body.GetProperty("items").EnumerateArray());
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from sessions where revoke_reason = 'replaced_by_sign_in'"
            + $" and user_id = (select id from users where email = '{email}')"));
    }

    [Fact]
    public async Task Signing_in_as_someone_else_ends_the_first_persons_session_in_that_browser()
    {
        using var browser = await api.SignedInClientAsync("first-person@example.com");
        using var copy = CopyOf(browser);

        Assert.Equal(HttpStatusCode.OK, (await SignInByMailAsync(browser, "second-person@example.com", "link")).Status);

        Assert.Equal("second-person@example.com", (await browser.GetAsync(Me)).Body.GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.GetAsync(Me)).Status);
    }

    [Fact]
    public async Task A_failed_sign_in_leaves_the_browsers_session_alone()
    {
        using var browser = await api.SignedInClientAsync("keeps-session@example.com");

        var wrong = await browser.PostAsync("/api/v1/auth/magic-link/verify", new { token = new string('A', 43) });

        Assert.Equal("invalid_or_expired", wrong.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(Me)).Status);
    }

    [Fact]
    public async Task Confirming_an_address_change_with_end_other_sessions_ends_every_session_but_the_confirming_one()
    {
        using var here = await api.SignedInClientAsync("end-others@example.com");
        using var phone = await api.SignedInClientAsync("end-others@example.com");
        using var stranger = await api.SignedInClientAsync("bystander@example.com");
        var token = await RequestChangeAsync(here, "end-others-new@example.com");

        var confirmed = await here.PostAsync(Confirm, new { token, endOtherSessions = true });

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync(Me)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(Me)).Status);
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync(Me)).Status);
        Assert.Equal(1L, await api.CountAsync(
            "select count(*) from sessions where revoke_reason = 'email_changed' and user_id = (select id from users where email = 'end-others-new@example.com')"));
    }

    [Fact]
    public async Task Confirmed_from_a_browser_without_the_accounts_session_end_other_sessions_ends_them_all()
    {
        using var laptop = await api.SignedInClientAsync("end-all@example.com");
        using var phone = await api.SignedInClientAsync("end-all@example.com");
        var token = await RequestChangeAsync(laptop, "end-all-new@example.com");
        using var someoneElsesBrowser = await api.SignedInClientAsync("other-account@example.com");

        var confirmed = await someoneElsesBrowser.PostAsync(Confirm, new { token, endOtherSessions = true });

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync(Me)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync(Me)).Status);
        Assert.Equal("other-account@example.com", (await someoneElsesBrowser.GetAsync(Me)).Body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Without_the_flag_an_address_change_leaves_the_other_sessions_alone()
    {
        using var here = await api.SignedInClientAsync("keep-others@example.com");
        using var phone = await api.SignedInClientAsync("keep-others@example.com");
        var token = await RequestChangeAsync(here, "keep-others-new@example.com");

        Assert.Equal(HttpStatusCode.OK, (await here.PostAsync(Confirm, new { token })).Status);

        Assert.Equal("keep-others-new@example.com", (await phone.GetAsync(Me)).Body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_changed_address_voids_every_sign_in_link_and_code_still_pending_for_the_old_one()
    {
        using var owner = await api.SignedInClientAsync("old-inbox@example.com");
        using var reader = await api.SignedOutClientAsync();
        var mailed = api.Mail.SignInMailsTo("old-inbox@example.com");
        Assert.Equal(HttpStatusCode.Accepted, (await reader.PostAsync("/api/v1/auth/magic-link/start", new { email = "old-inbox@example.com" })).Status);
        var pending = await api.Mail.WaitForAsync("old-inbox@example.com", mailed + 1);
        var token = await RequestChangeAsync(owner, "new-inbox@example.com");

        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsync(Confirm, new { token })).Status);

        var byLink = await reader.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(pending) });
        var byCode = await reader.PostAsync("/api/v1/auth/magic-link/verify", new { email = "new-inbox@example.com", code = SignInMail.CodeOf(pending) });
        Assert.Equal("invalid_or_expired", byLink.ErrorCode);
        Assert.Equal("invalid_or_expired", byCode.ErrorCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await reader.GetAsync(Me)).Status);
        // Live as the grains see time: the fixture's clock, which other tests of the class move ahead of PostgreSQL's.
        Assert.Equal(0L, await api.CountAsync(
            $"select count(*) from magic_links where used_at is null and expires_at > '{api.Clock.GetUtcNow():O}'::timestamptz and user_id = (select id from users where email = 'new-inbox@example.com')"));
        Assert.Equal("1", await api.ScalarAsync<string>(
            "select details->>'sign_in_links_voided' from login_events where event_type = 'email_changed' and user_id = (select id from users where email = 'new-inbox@example.com')"));
    }

    private const string Confirm = "/api/v1/account/email-change/confirm";

    private ApiClient CopyOf(ApiClient source) => ApiCluster.CloneOnto(source, api.Host);

    private async Task<ApiResponse> SignInByMailAsync(ApiClient browser, string email, string method)
    {
        var before = api.Mail.SignInMailsTo(email);
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync("/api/v1/auth/magic-link/start", new { email })).Status);
        var mail = await api.Mail.WaitForAsync(email, before + 1);
        return method == "link"
            ? await browser.PostAsync("/api/v1/auth/magic-link/verify", new { token = SignInMail.TokenOf(mail) })
            : await browser.PostAsync("/api/v1/auth/magic-link/verify", new { email, code = SignInMail.CodeOf(mail) });
    }

    private async Task<string> RequestChangeAsync(ApiClient client, string newEmail)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/account/email-change", new { newEmail })).Status);
        return SignInMail.EmailChangeTokenOf(await api.Mail.WaitForAsync(newEmail, AccountMailTemplates.ConfirmEmailSubject));
    }
}
