using System.Net;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>Discord: plain OAuth 2 against <see cref="TestDiscord"/>, the person read from <c>/users/@me</c>, the same flow rules as the others.</summary>
public sealed partial class ExternalSignInTests
{
    [Fact]
    public async Task Discord_signs_in_by_its_user_object_keyed_by_the_snowflake_id()
    {
        var person = api.Reset(new TestPerson("175928847299117063", "discord-person@example.com"));
        using var browser = api.Host.Client();
        var lookups = api.Discord.UserLookups;

        Assert.Equal("/", (await ProviderFlow.RunAsync(browser, person, "discord")).Headers["Location"]);

        var me = await browser.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        Assert.Equal("discord-person@example.com", me.Body.GetProperty("email").GetString());
        Assert.Equal(lookups + 1, api.Discord.UserLookups);
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where provider = 'discord' and subject = '175928847299117063' and user_id = @id",
            ("id", me.Body.GetProperty("id").GetGuid())));
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from login_events where event_type = 'external_sign_in_success' and details->>'provider' = 'discord' and user_id = @id",
            ("id", me.Body.GetProperty("id").GetGuid())));
    }

    [Fact]
    public async Task Discords_unverified_flag_asks_for_an_address_and_creates_nothing_before_it_is_proved()
    {
        var person = api.Reset(new TestPerson("175928847299117064", "discord-unverified@example.com", EmailVerified: false));
        using var browser = api.Host.Client();

        Assert.Equal("/signin/provider-email?provider=discord", (await ProviderFlow.RunAsync(browser, person, "discord")).Headers["Location"]);

        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'discord-unverified@example.com'"));
    }

    [Fact]
    public async Task A_Discord_callback_is_single_use_and_needs_this_browsers_state()
    {
        var person = api.Reset(new TestPerson("175928847299117065", "discord-replay@example.com"));
        api.Discord.ReusableCodes = true;
        using var browser = api.Host.Client();
        var callback = await ProviderFlow.ToCallbackAsync(browser, person, "discord");
        using var thief = api.Host.Client();
        foreach (var (name, value) in browser.Cookies)
        {
            thief.Cookies[name] = value;
        }

        var forged = callback[..callback.IndexOf("state=", StringComparison.Ordinal)] + "state=forged";
        Assert.Equal("failed", ProviderFlow.ErrorOf(await browser.GetAsync(forged)));
        Assert.Equal("/", (await browser.GetAsync(callback)).Headers["Location"]);
        Assert.Equal("replayed", ProviderFlow.ErrorOf(await thief.GetAsync(callback)));
        Assert.Null(thief.SessionCookie);

        // And a provider that does enforce single-use codes refuses the replay before FitFolio's claim is asked.
        api.Discord.ReusableCodes = false;
        var again = await ProviderFlow.ToCallbackAsync(browser, person, "discord");
        Assert.Equal("/", (await browser.GetAsync(again)).Headers["Location"]);
        Assert.Equal("failed", ProviderFlow.ErrorOf(await browser.GetAsync(again)));
    }

    [Fact]
    public async Task Pressing_Deny_at_Discord_comes_back_as_denied()
    {
        var person = api.Reset(new TestPerson("175928847299117066", "discord-denied@example.com"));
        using var browser = api.Host.Client();

        Assert.Equal("denied", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(browser, person, "discord", allow: false)));
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'discord-denied@example.com'"));
    }
}
