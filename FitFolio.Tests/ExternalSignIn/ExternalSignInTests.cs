using System.Net;
using FitFolio.Grains.Common;
using FitFolio.Grains.Mail;
using FitFolio.Grains.Users;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// Provider sign-in against a real OpenID Connect server (<see cref="TestIdentityProvider"/>): a session like every sign-in's, the identity
/// keyed by (provider, subject), and every way the flow can be forged, replayed or broken ending on the sign-in page with a reason.
/// </summary>
public sealed partial class ExternalSignInTests(ExternalSignInFixture api) : IClassFixture<ExternalSignInFixture>
{
    [Fact]
    public async Task The_providers_list_names_each_configured_provider_and_where_to_start()
    {
        using var browser = api.Host.Client();
        var items = (await browser.GetAsync("/api/v1/auth/providers")).Body.GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(["google", "discord", "oidc"], items.Select(i => i.GetProperty("id").GetString()));
        Assert.Equal(["Google", "Discord", "Test Provider"], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal("/api/v1/auth/external/oidc/start", items[2].GetProperty("startUrl").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/api/v1/auth/external/github/start")).Status);
    }

    [Fact]
    public async Task A_new_verified_address_gets_an_account_and_a_session_and_the_same_subject_signs_in_to_it_again()
    {
        var person = api.Reset(new TestPerson("happy-subject", "happy@example.com"));
        using var browser = api.Host.Client();

        var callback = await ProviderFlow.RunAsync(browser, person);

        Assert.Equal("/", callback.Headers["Location"]);
        var me = await browser.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("happy@example.com", me.Body.GetProperty("email").GetString());
        Assert.True(me.Body.GetProperty("emailVerified").GetBoolean());
        var userId = me.Body.GetProperty("id").GetGuid();
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where provider = 'oidc' and subject = 'happy-subject' and user_id = @id", ("id", userId)));
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from login_events where event_type = 'external_sign_in_success' and user_id = @id and details->>'provider' = 'oidc'",
            ("id", userId)));
        Assert.Equal("provider", await api.Database.ScalarAsync<string>("select authenticated_with from sessions where user_id = @id", ("id", userId)));
        await api.Mail.WaitForAsync("happy@example.com", AccountMailTemplates.ProviderLinkedSubject);

        // The subject is the key: the provider may show another address now, and it is still this account.
        person = api.Reset(new TestPerson("happy-subject", "renamed@example.com"));
        using var laptop = api.Host.Client();
        Assert.Equal("/", (await ProviderFlow.RunAsync(laptop, person)).Headers["Location"]);
        Assert.Equal(userId, (await laptop.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetGuid());
        await api.Mail.WaitForAsync("happy@example.com", AccountMailTemplates.NewDeviceSubject);
    }

    [Fact]
    public async Task Google_is_configured_by_its_discovery_document_and_signs_in_the_same_way()
    {
        var person = api.Reset(new TestPerson("google-subject", "google-person@example.com"));
        using var browser = api.Host.Client();

        Assert.Equal("/", (await ProviderFlow.RunAsync(browser, person, "google")).Headers["Location"]);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from external_identities where provider = 'google' and subject = 'google-subject'"));
    }

    [Fact]
    public async Task A_state_that_is_not_the_one_this_browser_started_with_is_refused()
    {
        var person = api.Reset(new TestPerson("state-subject", "state@example.com"));
        using var browser = api.Host.Client();
        var callback = await ProviderFlow.ToCallbackAsync(browser, person);
        using var other = api.Host.Client();
        var otherCallback = await ProviderFlow.ToCallbackAsync(other, person);

        // This browser's code with the other flow's state, and a state nobody issued.
        var mixed = callback[..callback.IndexOf("state=", StringComparison.Ordinal)]
            + otherCallback[otherCallback.IndexOf("state=", StringComparison.Ordinal)..];
        Assert.Equal("failed", ProviderFlow.ErrorOf(await browser.GetAsync(mixed)));
        var forged = callback[..callback.IndexOf("state=", StringComparison.Ordinal)] + "state=forged";
        Assert.Equal("failed", ProviderFlow.ErrorOf(await browser.GetAsync(forged)));

        Assert.Null(browser.SessionCookie);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'state@example.com'"));
    }

    [Fact]
    public async Task A_replayed_callback_is_refused_with_or_without_the_flow_cookies()
    {
        var person = api.Reset(new TestPerson("replay-subject", "replay@example.com"));
        using var browser = api.Host.Client();
        var callback = await ProviderFlow.ToCallbackAsync(browser, person);
        using var thief = api.Host.Client();
        foreach (var (name, value) in browser.Cookies)
        {
            thief.Cookies[name] = value;
        }

        Assert.Equal("/", (await browser.GetAsync(callback)).Headers["Location"]);

        // The browser's flow cookies were used up; a copy of them taken before is refused by the claim every front door shares.
        Assert.Equal("failed", ProviderFlow.ErrorOf(await browser.GetAsync(callback)));
        Assert.Equal("replayed", ProviderFlow.ErrorOf(await thief.GetAsync(callback)));
        Assert.Null(thief.SessionCookie);
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from sessions where user_id = (select id from users where email = 'replay@example.com')"));
    }

    [Fact]
    public async Task An_ID_token_with_another_flows_nonce_or_a_callback_without_the_nonce_cookie_is_refused()
    {
        var person = api.Reset(new TestPerson("nonce-subject", "nonce@example.com"));
        api.Provider.ForgedNonce = "a-nonce-from-another-flow";
        using var browser = api.Host.Client();
        Assert.Equal("failed", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(browser, person)));

        api.Provider.ForgedNonce = null;
        using var noNonce = api.Host.Client();
        var callback = await ProviderFlow.ToCallbackAsync(noNonce, person);
        foreach (var name in noNonce.Cookies.Keys.Where(n => n.Contains("Nonce", StringComparison.Ordinal)).ToList())
        {
            noNonce.Cookies.Remove(name);
        }

        Assert.Equal("failed", ProviderFlow.ErrorOf(await noNonce.GetAsync(callback)));
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'nonce@example.com'"));
    }

    [Fact]
    public async Task Pressing_Deny_on_the_providers_consent_page_comes_back_as_denied()
    {
        var person = api.Reset(new TestPerson("denied-subject", "denied@example.com"));
        using var browser = api.Host.Client();

        Assert.Equal("denied", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(browser, person, allow: false)));
        Assert.Null(browser.SessionCookie);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'denied@example.com'"));
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from login_events where event_type = 'external_sign_in_failure' and details->>'reason' = 'denied' and details->>'provider' = @p",
            ("p", "oidc")));
    }

    [Theory]
    [InlineData("down")]
    [InlineData("garbage")]
    public async Task A_token_endpoint_that_is_down_or_answers_garbage_ends_on_the_sign_in_page_not_in_a_5xx(string fault)
    {
        var person = api.Reset(new TestPerson("fault-subject-" + fault, fault + "@example.com"));
        api.Provider.TokenEndpointFault = fault;
        using var browser = api.Host.Client();

        Assert.Equal("failed", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(browser, person)));
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task An_account_nobody_proved_yet_is_taken_by_the_provider_that_verified_its_address()
    {
        using var asker = api.Host.Client();
        await asker.PrimeAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await asker.PostAsync("/api/v1/auth/magic-link/start", new { email = "asked@example.com" })).Status);
        await api.Mail.WaitForAsync("asked@example.com", 1);
        var person = api.Reset(new TestPerson("asked-subject", "asked@example.com"));
        using var browser = api.Host.Client();

        Assert.Equal("/", (await ProviderFlow.RunAsync(browser, person)).Headers["Location"]);

        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from users where email = 'asked@example.com'"));
        Assert.True((await browser.GetAsync("/api/v1/auth/me")).Body.GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task An_admin_lock_refuses_provider_sign_in()
    {
        var person = api.Reset(new TestPerson("locked-subject", "locked@example.com"));
        using var first = api.Host.Client();
        await ProviderFlow.RunAsync(first, person);
        var id = (await first.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetGuid();
        await api.Host.Grains.GetGrain<IUserGrain>(id.ToString("N")).Lock(DateTimeOffset.UtcNow.AddHours(1), Guid.NewGuid(), RequestOrigin.System);
        using var browser = api.Host.Client();

        Assert.Equal("refused", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(browser, person)));
        Assert.Null(browser.SessionCookie);
    }

    [Fact]
    public async Task A_provider_sign_in_is_recent_only_when_the_provider_says_it_checked_the_person_just_now()
    {
        // Discord says nothing of when it checked the person (no ID token, no auth_time): never recent.
        var person = api.Reset(new TestPerson("175928847299117070", "stale@example.com"));
        using var stale = api.Host.Client();
        await ProviderFlow.RunAsync(stale, person, "discord");
        var refused = await stale.PostAsync("/api/v1/account/api-keys", new { name = "sync", scopes = new[] { "read" } });
        Assert.Equal("reauthentication_required", refused.ErrorCode);

        // The OpenID Connect provider's login page just took the password: auth_time is now.
        person = api.Reset(new TestPerson("fresh-subject", "fresh@example.com"));
        using var fresh = api.Host.Client();
        await ProviderFlow.RunAsync(fresh, person);
        Assert.Equal(HttpStatusCode.Created, (await fresh.PostAsync("/api/v1/account/api-keys", new { name = "sync", scopes = new[] { "read" } })).Status);
    }

    [Fact]
    public async Task Deleting_the_account_removes_its_provider_links_and_the_identity_can_start_afresh()
    {
        var person = api.Reset(new TestPerson("deleted-subject", "deleted@example.com"));
        using var browser = api.Host.Client();
        await ProviderFlow.RunAsync(browser, person);
        var before = (await browser.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NoContent, (await browser.DeleteAsync("/api/v1/account")).Status);

        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from external_identities where subject = 'deleted-subject'"));
        using var again = api.Host.Client();
        Assert.Equal("/", (await ProviderFlow.RunAsync(again, person)).Headers["Location"]);
        Assert.NotEqual(before, (await again.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetGuid());
    }
}
