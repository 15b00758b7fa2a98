using System.Net;
using FitFolio.Grains.Mail;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;
using FitFolio.Tests.Passkeys;

namespace FitFolio.Tests.Api;

/// <summary>
/// The changes a stolen session would make to keep an account (a passkey added, email sign-in
/// turned off, an API key created) are mailed to the owner, with a link to review sessions and
/// passkeys; the notice is written with the change, so a refused change mails nothing.
/// </summary>
public sealed class SecurityNoticeTests(ManualClockApi api) : IClassFixture<ManualClockApi>
{
    private const string ReviewLink = ApiClient.DefaultOrigin + "/account/sessions";

    [Fact]
    public async Task Adding_a_passkey_mails_the_owner_its_name_and_a_link_to_review_sessions_and_passkeys()
    {
        using var client = await api.SignedInClientAsync("notice-passkey@example.com");
        using var authenticator = new SoftwareAuthenticator();

        await client.RegisterAsync(authenticator, "Mallory's <b>phone</b>");

        var notice = await api.Mail.WaitForAsync("notice-passkey@example.com", AccountMailTemplates.PasskeyAddedSubject);
        AssertReviewLink(notice);
        Assert.Contains("Passkey: Mallory's <b>phone</b>", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mallory&#x27;s &lt;b&gt;phone&lt;/b&gt;", notice.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", notice.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Turning_email_sign_in_off_mails_the_owner_and_turning_it_on_again_does_not()
    {
        using var client = await api.SignedInClientAsync("notice-email-off@example.com");
        using var first = new SoftwareAuthenticator();
        using var second = new SoftwareAuthenticator();
        await client.RegisterAsync(first);
        await client.RegisterAsync(second);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":false}"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":true}"))).Status);

        AssertReviewLink(await api.Mail.WaitForAsync("notice-email-off@example.com", AccountMailTemplates.EmailSignInOffSubject));
        Assert.Equal(1L, await OutboxCountAsync("notice-email-off@example.com", "email-sign-in-off"));
    }

    [Fact]
    public async Task Creating_an_api_key_mails_the_owner_its_name_and_scopes_but_never_its_secret()
    {
        using var client = await api.SignedInClientAsync("notice-key@example.com");

        var created = await client.PostAsync("/api/v1/account/api-keys", new { name = "Sync script", scopes = new[] { "read", "write" } });

        Assert.Equal(HttpStatusCode.Created, created.Status);
        var notice = await api.Mail.WaitForAsync("notice-key@example.com", AccountMailTemplates.ApiKeyCreatedSubject);
        AssertReviewLink(notice);
        Assert.Contains("Key: Sync script (read and write)", notice.TextBody, StringComparison.Ordinal);
        var secret = created.Body.GetProperty("secret").GetString()!;
        Assert.DoesNotContain(secret[^43..], notice.TextBody + notice.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_changes_mail_nothing()
    {
        using var client = await api.SignedInClientAsync("notice-refused@example.com");
        using var authenticator = new SoftwareAuthenticator();
        await client.RegisterAsync(authenticator);
        using var stranger = new SoftwareAuthenticator();
        var wrongOrigin = await client.FinishRegistrationAsync(stranger.Register(await client.StartRegistrationAsync(), "https://evil.example"));
        var onePasskeyOnly = await client.SendAsync(HttpMethod.Put, "/api/v1/auth/email-sign-in", Json("{\"enabled\":false}"));
        var badKey = await client.PostAsync("/api/v1/account/api-keys", new { name = "", scopes = new[] { "read" } });
        api.LetSignInGoStale();
        var staleKey = await client.PostAsync("/api/v1/account/api-keys", new { name = "late", scopes = new[] { "read" } });

        Assert.Equal("origin_mismatch", wrongOrigin.ErrorCode);
        Assert.Equal("needs_two_passkeys", onePasskeyOnly.ErrorCode);
        Assert.Equal("invalid_name", badKey.ErrorCode);
        Assert.Equal("reauthentication_required", staleKey.ErrorCode);
        Assert.Equal(1L, await OutboxCountAsync("notice-refused@example.com", "passkey-added"));
        Assert.Equal(0L, await OutboxCountAsync("notice-refused@example.com", "email-sign-in-off"));
        Assert.Equal(0L, await OutboxCountAsync("notice-refused@example.com", "api-key-created"));
    }

    private static void AssertReviewLink(ReceivedMail notice)
    {
        Assert.Contains("Review your sessions and passkeys:\n" + ReviewLink, notice.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains($"href=\"{ReviewLink}\"", notice.HtmlBody, StringComparison.Ordinal);
    }

    private Task<long> OutboxCountAsync(string to, string purpose) =>
        api.CountAsync("select count(*) from mail_outbox where to_address = @to and purpose = @purpose", ("to", to), ("purpose", purpose));

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
