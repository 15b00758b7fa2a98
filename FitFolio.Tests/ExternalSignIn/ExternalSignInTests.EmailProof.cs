using System.Net;
using System.Text.RegularExpressions;
using FitFolio.Grains.Common;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A provider that vouches for no address: the identity waits in this browser while the person proves an address by a mailed link, which
/// works once and only in the browser that asked; the answer to "send me the link" is the same whether or not the address has an account.
/// </summary>
public sealed partial class ExternalSignInTests
{
    private const string Send = "/api/v1/auth/external/email/send";
    private const string Confirm = "/api/v1/auth/external/email/confirm";

    [Theory]
    [InlineData("unverified-subject", "shown-but-unverified@example.com")]
    [InlineData("no-address-subject", null)]
    public async Task An_unverified_or_missing_address_is_asked_for_and_proved_by_a_link_opened_in_the_same_browser(string subject, string? shown)
    {
        var person = api.Reset(new TestPerson(subject, shown, EmailVerified: false));
        using var browser = api.Host.Client();
        var proved = subject + "@example.com";

        Assert.Equal("/signin/provider-email?provider=oidc", (await ProviderFlow.RunAsync(browser, person)).Headers["Location"]);
        Assert.Null(browser.SessionCookie);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from external_identities where subject = @s", ("s", subject)));
        var secret = browser.Cookies["ff_provider_email"];
        // Only the browser secret's hash is stored, next to the identity waiting for it.
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_email_proofs where browser_hash = @h and subject = @s", ("h", Secrets.Digest(secret)), ("s", subject)));

        var sent = await browser.PostAsync(Send, new { email = proved });
        Assert.Equal(HttpStatusCode.Accepted, sent.Status);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = @e", ("e", proved)));
        var token = await ProofTokenToAsync(proved);
        Assert.Equal(1L, await api.Database.CountAsync("select count(*) from external_email_proofs where token_hash = @t", ("t", Secrets.Digest(token))));

        // The link alone is not enough: whoever was forwarded the mail (or typed someone else's address) holds no browser secret.
        using var elsewhere = api.Host.Client();
        await elsewhere.PrimeAsync();
        Assert.Equal("invalid_or_expired", (await elsewhere.PostAsync(Confirm, new { token })).ErrorCode);

        var confirmed = await browser.PostAsync(Confirm, new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal(proved, confirmed.Body.GetProperty("user").GetProperty("email").GetString());
        var me = await browser.GetAsync("/api/v1/auth/me");
        Assert.True(me.Body.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where provider = 'oidc' and subject = @s and user_id = @u",
            ("s", subject), ("u", me.Body.GetProperty("id").GetGuid())));
        Assert.True(await api.Database.CountAsync(
            "select count(*) from login_events where event_type = 'external_email_proof_mailed' and details->>'provider' = 'oidc'") >= 1);
        Assert.Equal("invalid_or_expired", (await browser.PostAsync(Confirm, new { token })).ErrorCode);

        // From now on the subject signs in to that account directly.
        using var laptop = api.Host.Client();
        Assert.Equal("/", (await ProviderFlow.RunAsync(laptop, person)).Headers["Location"]);
        Assert.Equal(proved, (await laptop.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task Asking_for_the_link_answers_the_same_for_an_owned_address_whose_owner_alone_can_link()
    {
        using var owner = await api.SignedInClientAsync("proof-owner@example.com");
        var person = api.Reset(new TestPerson("proof-attacker", null, EmailVerified: false));
        using var attacker = api.Host.Client();
        await ProviderFlow.RunAsync(attacker, person);
        person = api.Reset(new TestPerson("proof-newcomer", null, EmailVerified: false));
        using var newcomer = api.Host.Client();
        await ProviderFlow.RunAsync(newcomer, person);

        var toOwned = await attacker.PostAsync(Send, new { email = "proof-owner@example.com" });
        var toNew = await newcomer.PostAsync(Send, new { email = "proof-nobody@example.com" });

        Assert.Equal(HttpStatusCode.Accepted, toOwned.Status);
        Assert.Equal((toNew.Status, toNew.Text), (toOwned.Status, toOwned.Text));
        Assert.Equal(
            toNew.Headers.Keys.Where(k => k != "Date").Order(StringComparer.Ordinal),
            toOwned.Headers.Keys.Where(k => k != "Date").Order(StringComparer.Ordinal));
        // The owner gets the confirmation a provider-verified claim on the address gets; nothing is linked on the attacker's word.
        await api.Mail.WaitForAsync("proof-owner@example.com", ExternalLinkMail.Subject);
        await api.Mail.WaitForAsync("proof-nobody@example.com", ExternalEmailProofMail.Subject);
        Assert.DoesNotContain(api.Mail.Messages, m => m.IsTo("proof-owner@example.com") && m.Subject == ExternalEmailProofMail.Subject);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from external_identities where subject = 'proof-attacker'"));
        Assert.Null(attacker.SessionCookie);

        // The waiting identity was handed to the owner's confirmation: this browser's flow is over.
        Assert.Equal("invalid_or_expired", (await attacker.PostAsync(Send, new { email = "proof-other@example.com" })).ErrorCode);
    }

    [Fact]
    public async Task Asking_for_a_link_with_nothing_waiting_or_a_malformed_address_is_a_400()
    {
        using var browser = api.Host.Client();
        await browser.PrimeAsync();

        Assert.Equal("invalid_or_expired", (await browser.PostAsync(Send, new { email = "nothing-waits@example.com" })).ErrorCode);
        Assert.Equal("invalid_email", (await browser.PostAsync(Send, new { email = "not an address" })).ErrorCode);
        Assert.Equal("invalid_or_expired", (await browser.PostAsync(Confirm, new { token = "nonsense" })).ErrorCode);
        Assert.Equal(0, api.Mail.Messages.Count(m => m.IsTo("nothing-waits@example.com")));
    }

    [Fact]
    public async Task Only_the_newest_link_works_and_a_Discord_identity_proves_its_address_the_same_way()
    {
        var person = api.Reset(new TestPerson("175928847299117099", "discord-unproved@example.com", EmailVerified: false));
        using var browser = api.Host.Client();
        Assert.Equal("/signin/provider-email?provider=discord", (await ProviderFlow.RunAsync(browser, person, "discord")).Headers["Location"]);

        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync(Send, new { email = "discord-typo@example.com" })).Status);
        var first = await ProofTokenToAsync("discord-typo@example.com");
        Assert.Equal(HttpStatusCode.Accepted, (await browser.PostAsync(Send, new { email = "discord-proved@example.com" })).Status);
        var second = await ProofTokenToAsync("discord-proved@example.com");

        Assert.Equal("invalid_or_expired", (await browser.PostAsync(Confirm, new { token = first })).ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync(Confirm, new { token = second })).Status);
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where provider = 'discord' and subject = '175928847299117099'"
            + " and user_id = (select id from users where email = 'discord-proved@example.com')"));
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from users where email = 'discord-typo@example.com'"));
        await api.Mail.WaitForAsync("discord-proved@example.com", AccountMailTemplates.ProviderLinkedSubject);
    }

    private async Task<string> ProofTokenToAsync(string email) =>
        ProofToken().Match((await api.Mail.WaitForAsync(email, ExternalEmailProofMail.Subject)).TextBody!).Groups["token"].Value;

    [GeneratedRegex(@"/auth/provider-email#token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex ProofToken();
}
