using System.Net;
using System.Net.Http.Json;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Api;
using FitFolio.Tests.Idempotency;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>The account page's providers: linking another one in link mode, the list, unlinking, and the last way in that stays.</summary>
public sealed partial class ExternalSignInTests
{
    private const string Identities = "/api/v1/account/external-identities";

    [Fact]
    public async Task A_signed_in_owner_links_a_provider_from_the_account_page_whatever_address_it_shows()
    {
        using var owner = await api.SignedInClientAsync("linker@example.com");
        var person = api.Reset(new TestPerson("link-subject", "somewhere-else@example.com"));

        var back = await LinkAsync(owner, person, "oidc");

        Assert.Equal("/account/providers?linked=oidc", back.Headers["Location"]);
        var linked = Assert.Single((await owner.GetAsync(Identities)).Body.GetProperty("items").EnumerateArray());
        Assert.Equal("oidc", linked.GetProperty("provider").GetString());
        Assert.Equal("Test Provider", linked.GetProperty("providerName").GetString());
        Assert.Equal("link-subject", linked.GetProperty("subject").GetString());
        Assert.Equal("somewhere-else@example.com", linked.GetProperty("email").GetString());
        await api.Mail.WaitForAsync("linker@example.com", AccountMailTemplates.ProviderLinkedSubject);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'somewhere-else@example.com'"));

        // The same identity cannot join a second account.
        using var other = await api.SignedInClientAsync("second-linker@example.com");
        Assert.Equal("/account/providers?link_error=linked_elsewhere", (await LinkAsync(other, person, "oidc")).Headers["Location"]);
        Assert.Equal(0, (await other.GetAsync(Identities)).Body.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Linking_needs_a_recent_sign_in_and_a_browser_still_signed_in_to_the_account_when_it_comes_back()
    {
        // A provider sign-in without auth_time (Discord's) is never recent.
        var person = api.Reset(new TestPerson("175928847299117071", "stale-linker@example.com"));
        using var stale = api.Host.Client();
        await ProviderFlow.RunAsync(stale, person, "discord");
        Assert.Equal("reauthentication_required", (await stale.PostAsync(Identities + "/google/link")).ErrorCode);

        using var owner = await api.SignedInClientAsync("signs-out-midway@example.com");
        Assert.Equal(HttpStatusCode.NotFound, (await owner.PostAsync(Identities + "/github/link")).Status);
        person = api.Reset(new TestPerson("midway-subject", "midway@example.com"));
        var callback = await ToLinkCallbackAsync(owner, person, "google");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.PostAsync("/api/v1/auth/logout")).Status);

        Assert.Equal("/account/providers?link_error=session_ended", (await owner.GetAsync(callback)).Headers["Location"]);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from external_identities where subject = 'midway-subject'"));
    }

    [Fact]
    public async Task Unlinking_is_mailed_and_audited_and_the_last_way_in_cannot_be_removed()
    {
        const string email = "last-way@example.com";
        using var owner = await api.SignedInClientAsync(email);
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        var firstId = (await owner.RegisterAsync(first)).GetProperty("id").GetString();
        var secondId = (await owner.RegisterAsync(second)).GetProperty("id").GetString();
        var off = await owner.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", JsonContent.Create(new { enabled = false }));
        Assert.Equal(HttpStatusCode.OK, off.Status);
        // Linked while passkey-only, so the provider is a way in.
        var person = api.Reset(new TestPerson("last-way-subject", email));
        Assert.Equal("/account/providers?linked=discord", (await LinkAsync(owner, person, "discord")).Headers["Location"]);

        // The linked provider counts as a way in: both passkeys may go...
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(PasskeySteps.Base + "/credentials/" + firstId)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.DeleteAsync(PasskeySteps.Base + "/credentials/" + secondId)).Status);
        // ...and then the provider is the last one, and stays.
        var refused = await owner.DeleteAsync(Identities + "/discord/last-way-subject");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("last_sign_in_method", refused.ErrorCode);
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from external_identities where subject = 'last-way-subject'"));
        Assert.Equal(1L, await AuditCountAsync("external_identity_unlink_refused", email));

        using var third = new SoftwareAuthenticator();
        await owner.RegisterAsync(third);
        // Keyed as the app's offline queue sends it: a retry after a lost answer gets the first 204 again, not a 404.
        var key = KeyedRequests.NewKey();
        Assert.Equal(HttpStatusCode.NoContent, (await owner.KeyedAsync(HttpMethod.Delete, Identities + "/discord/last-way-subject", null, key)).Status);
        var retried = await owner.KeyedAsync(HttpMethod.Delete, Identities + "/discord/last-way-subject", null, key);
        Assert.Equal(HttpStatusCode.NoContent, retried.Status);
        Assert.True(retried.Replayed());

        Assert.Equal(0, (await owner.GetAsync(Identities)).Body.GetProperty("items").GetArrayLength());
        Assert.Equal(1L, await AuditCountAsync("external_identity_unlinked", email));
        await api.Mail.WaitForAsync(email, AccountMailTemplates.ProviderUnlinkedSubject);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.DeleteAsync(Identities + "/discord/last-way-subject")).Status);
    }

    [Fact]
    public async Task The_export_and_the_admin_detail_show_the_linked_identities()
    {
        var person = api.Reset(new TestPerson("shown-subject", "shown@example.com"));
        using var browser = api.Host.Client();
        await ProviderFlow.RunAsync(browser, person, "google");
        var id = (await browser.GetAsync("/api/v1/auth/me")).Body.GetProperty("id").GetString();

        var exported = Assert.Single((await browser.PostAsync("/api/v1/account/export")).Body.GetProperty("externalIdentities").EnumerateArray());
        using var admin = await api.SignedInWithPasskeyProofAsync(ExternalSignInSettings.AdminEmail);
        var detail = Assert.Single((await admin.GetAsync($"/api/v1/admin/users/{id}")).Body.GetProperty("externalIdentities").EnumerateArray());

        Assert.All([exported, detail], identity =>
        {
            Assert.Equal("google", identity.GetProperty("provider").GetString());
            Assert.Equal("shown-subject", identity.GetProperty("subject").GetString());
            Assert.Equal("shown@example.com", identity.GetProperty("email").GetString());
        });
    }

    /// <summary>Starts a link from the account page and returns the callback (path and query) the provider sent the browser back to.</summary>
    private static async Task<string> ToLinkCallbackAsync(ApiClient browser, TestPerson person, string provider)
    {
        var start = await browser.PostAsync($"{Identities}/{provider}/link");
        Assert.True(start.Status == HttpStatusCode.OK, start.Text);
        return (await ProviderFlow.AtProviderAsync(new Uri(start.Body.GetProperty("redirectUrl").GetString()!), person)).PathAndQuery;
    }

    private static async Task<ApiResponse> LinkAsync(ApiClient browser, TestPerson person, string provider) =>
        await browser.GetAsync(await ToLinkCallbackAsync(browser, person, provider));

    private Task<long> AuditCountAsync(string type, string email) => api.Database.CountAsync(
        "select count(*) from login_events where event_type = @type and user_id = (select id from users where email = @email)",
        ("type", type),
        ("email", email));
}
