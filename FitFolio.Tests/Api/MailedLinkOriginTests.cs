using System.Net;
using System.Net.Http.Json;
using FitFolio.TestMail;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>
/// The server redirects on no client-supplied value; the one place a request could steer a URL is
/// the link it mails. That link is built from <c>App:PublicOrigin</c> alone, so a forged
/// <c>Host</c> or <c>X-Forwarded-Host</c> (believed here, forwarded headers on) cannot make the
/// sign-in mail carry a token to another host (OWASP host header injection).
/// </summary>
public sealed class MailedLinkOriginTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task A_forged_host_does_not_change_the_origin_of_the_mailed_sign_in_link()
    {
        await using var mail = new TestMailbox();
        await mail.StartAsync(0, TestContext.Current.CancellationToken);
        var settings = new Dictionary<string, string?>(ApiFixture.GenerousLimits) { ["FORWARDEDHEADERS_ENABLED"] = "true" };
        await using var host = await ApiHost.StartAsync(database.ConnectionString, mail.Port, settings);
        using var client = host.Client();
        const string email = "forged-host@fitfolio.example";

        var start = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/magic-link/start", JsonContent.Create(new { email }), request =>
        {
            request.Headers.Host = "evil.example";
            request.Headers.Add("X-Forwarded-Host", "evil.example");
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-Prefix", "//evil.example");
        });

        Assert.Equal(HttpStatusCode.Accepted, start.Status);
        var message = await mail.WaitForAsync(email);
        Assert.Contains($"{ApiClient.DefaultOrigin}/auth/link#token={SignInMail.TokenOf(message)}", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", message.HtmlBody ?? "", StringComparison.Ordinal);
    }
}
