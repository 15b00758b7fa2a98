using System.Net;
using System.Text.RegularExpressions;
using FitFolio.Grains.ExternalIdentities;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>An identity that claims an owned account's address is linked only on the owner's say-so: a mailed link, or signed in already.</summary>
public sealed partial class ExternalSignInTests
{
    [Fact]
    public async Task A_verified_address_of_someone_elses_account_is_linked_only_by_the_link_mailed_to_its_owner()
    {
        using var owner = await api.SignedInClientAsync("owner@example.com");
        var person = api.Reset(new TestPerson("attacker-subject", "owner@example.com"));
        using var attacker = api.Host.Client();

        Assert.Equal("link_mailed", ProviderFlow.ErrorOf(await ProviderFlow.RunAsync(attacker, person)));

        Assert.Null(attacker.SessionCookie);
        Assert.Equal(0L, await api.Database.CountAsync("select count(*) from external_identities where subject = 'attacker-subject'"));
        Assert.Equal(
            1L, await api.Database.CountAsync("select count(*) from sessions where user_id = (select id from users where email = 'owner@example.com')"));
        var token = LinkToken().Match((await api.Mail.WaitForAsync("owner@example.com", ExternalLinkMail.Subject)).TextBody!).Groups["token"].Value;
        // Only the token's hash is stored.
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_link_confirmations where token_hash = @t", ("t", FitFolio.Grains.Common.Secrets.Digest(token))));

        // Whoever opens the owner's mail is the owner: the identity is linked and that browser signed in.
        using var mailbox = api.Host.Client();
        await mailbox.PrimeAsync();
        var confirmed = await mailbox.PostAsync("/api/v1/auth/external/link/confirm", new { token });
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("owner@example.com", confirmed.Body.GetProperty("user").GetProperty("email").GetString());
        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where subject = 'attacker-subject' and user_id = (select id from users where email = 'owner@example.com')"));
        await api.Mail.WaitForAsync("owner@example.com", AccountMailTemplates.ProviderLinkedSubject);
        Assert.Equal("invalid_or_expired", (await mailbox.PostAsync("/api/v1/auth/external/link/confirm", new { token })).ErrorCode);
        Assert.Equal("invalid_or_expired", (await mailbox.PostAsync("/api/v1/auth/external/link/confirm", new { token = "nonsense" })).ErrorCode);

        // From now on the identity signs in to the owner's account.
        using var again = api.Host.Client();
        Assert.Equal("/", (await ProviderFlow.RunAsync(again, person)).Headers["Location"]);
        Assert.Equal("owner@example.com", (await again.GetAsync("/api/v1/auth/me")).Body.GetProperty("email").GetString());
    }

    [Fact]
    public async Task The_signed_in_owner_links_an_identity_claiming_the_address_at_once()
    {
        using var owner = await api.SignedInClientAsync("present-owner@example.com");
        var person = api.Reset(new TestPerson("present-subject", "present-owner@example.com"));

        Assert.Equal("/", (await ProviderFlow.RunAsync(owner, person, "google")).Headers["Location"]);

        Assert.Equal(1L, await api.Database.CountAsync(
            "select count(*) from external_identities where provider = 'google' and subject = 'present-subject'"
            + " and user_id = (select id from users where email = 'present-owner@example.com')"));
        await api.Mail.WaitForAsync("present-owner@example.com", AccountMailTemplates.ProviderLinkedSubject);
        Assert.Equal(0L, await api.Database.CountAsync(
            "select count(*) from external_link_confirmations where user_id = (select id from users where email = 'present-owner@example.com')"));
    }

    [GeneratedRegex(@"/auth/provider-link#token=(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
