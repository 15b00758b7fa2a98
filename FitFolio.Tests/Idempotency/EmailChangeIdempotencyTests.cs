using System.Net;
using FitFolio.Grains.Mail;
using FitFolio.Tests.Infrastructure;
using static FitFolio.Tests.Idempotency.KeyedRequests;

namespace FitFolio.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the email-change confirmation, on two silos. Its first answer lost, a retry would otherwise
/// hear "link already used" for a change that happened. Keyed, it gets the first answer from either front door: keyed
/// by the person when they are signed in, and by the link when the link is followed in a browser signed in to nothing
/// (the usual case: the mail is read on the phone), where only the link's holder can get the answer replayed.
/// </summary>
public sealed class EmailChangeIdempotencyTests(UserGrainIdempotencyTests.TwoSilos silos) : IClassFixture<UserGrainIdempotencyTests.TwoSilos>
{
    private const string Confirm = "/api/v1/account/email-change/confirm";

    private ApiCluster Cluster => silos.Cluster;

    private TestDatabase Database => silos.Database;

    [Fact]
    public async Task A_keyed_confirmation_in_a_browser_signed_in_to_nothing_is_answered_once_from_either_silo()
    {
        var (asking, user, token) = await RequestChangeAsync("idem-mail-before@example.com", "idem-mail-after@example.com");
        asking.Dispose();
        using var phone = Cluster.Hosts[0].Client();
        await phone.PrimeAsync();
        using var phoneElsewhere = ApiCluster.CloneOnto(phone, Cluster.Hosts[1]);
        using var stranger = Cluster.Hosts[1].Client();
        await stranger.PrimeAsync();
        var key = NewKey();

        var confirmed = await phone.KeyedAsync(HttpMethod.Post, Confirm, new { token }, key);
        var retried = await phoneElsewhere.KeyedAsync(HttpMethod.Post, Confirm, new { token }, key);
        var other = await phoneElsewhere.KeyedAsync(HttpMethod.Post, Confirm, new { token, endOtherSessions = true }, key);
        var unkeyed = await phoneElsewhere.PostAsync(Confirm, new { token });
        var withoutTheLink = await stranger.KeyedAsync(HttpMethod.Post, Confirm, new { token = token[..^2] + "xx" }, key);

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.False(confirmed.Replayed());
        Assert.Equal("idem-mail-after@example.com", confirmed.Body.GetProperty("email").GetString());
        // A second run would answer 400 invalid_or_expired: the link is used. The retry gets the first answer instead.
        Assert.Equal(HttpStatusCode.OK, retried.Status);
        Assert.True(retried.Replayed());
        Assert.Equal(confirmed.Text, retried.Text);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.Status);
        Assert.Equal("idempotency_key_reused", other.ErrorCode);
        Assert.Equal("invalid_or_expired", unkeyed.ErrorCode);
        // The answer is kept for the link: the key alone, without the link, replays nothing.
        Assert.Equal(HttpStatusCode.BadRequest, withoutTheLink.Status);
        Assert.False(withoutTheLink.Replayed());
        Assert.Equal(1L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'email_changed'", ("u", user)));
        Assert.Equal(1L, await Database.CountAsync(
            "select count(*) from idempotency_keys where key = @k and user_id = @u and caller like 'email-change:%'", ("k", key), ("u", user)));
    }

    [Fact]
    public async Task A_keyed_confirmation_by_the_signed_in_person_is_answered_once_from_either_silo()
    {
        var (laptop, user, token) = await RequestChangeAsync("idem-mail-signed-in@example.com", "idem-mail-moved@example.com");
        using var signedIn = laptop;
        using var tablet = await Cluster.SignInAsync(Cluster.Hosts[1], "idem-mail-signed-in@example.com");
        using var laptopElsewhere = ApiCluster.CloneOnto(signedIn, Cluster.Hosts[1]);
        var key = NewKey();

        var confirmed = await signedIn.KeyedAsync(HttpMethod.Post, Confirm, new { token, endOtherSessions = true }, key);
        var retried = await laptopElsewhere.KeyedAsync(HttpMethod.Post, Confirm, new { token, endOtherSessions = true }, key);

        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Equal("idem-mail-moved@example.com", confirmed.Body.GetProperty("email").GetString());
        Assert.True(retried.Replayed());
        Assert.Equal(confirmed.Text, retried.Text);
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await tablet.GetAsync("/api/v1/auth/me")).Status);
        Assert.Equal(1L, await Database.CountAsync("select count(*) from login_events where user_id = @u and event_type = 'email_changed'", ("u", user)));
        Assert.Equal(1L, await Database.CountAsync(
            "select count(*) from idempotency_keys where key = @k and caller = @c", ("k", key), ("c", $"person:{user:N}")));
    }

    /// <summary>Signs in on the first front door and asks for the change: the browser, the person, and the mailed link's token.</summary>
    private async Task<(ApiClient Client, Guid User, string Token)> RequestChangeAsync(string email, string newEmail)
    {
        var client = await Cluster.SignInAsync(Cluster.Hosts[0], email);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsync("/api/v1/account/email-change", new { newEmail })).Status);
        var token = SignInMail.EmailChangeTokenOf(await Cluster.Mail.WaitForAsync(newEmail, AccountMailTemplates.ConfirmEmailSubject));
        return (client, await Database.ScalarAsync<Guid>("select id from users where email = @e", ("e", email)), token);
    }
}
