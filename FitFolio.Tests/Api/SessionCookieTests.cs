using System.Net;
using FitFolio.Tests.Infrastructure;

namespace FitFolio.Tests.Api;

/// <summary>Cookies and CSRF as a browser meets them, on an https public origin.</summary>
public sealed class SessionCookieTests(SessionCookieTests.HttpsApi api) : IClassFixture<SessionCookieTests.HttpsApi>
{
    public const string Origin = "https://fitfolio.test";

    public sealed class HttpsApi(PostgresServer server) : ApiFixture(server)
    {
        protected override IDictionary<string, string?> Settings { get; } =
            new Dictionary<string, string?>(GenerousLimits) { ["App:PublicOrigin"] = Origin };
    }

    [Fact]
    public async Task The_session_cookie_is_host_prefixed_secure_http_only_and_lax()
    {
        using var client = api.Host.Client(Origin);
        await client.PrimeAsync();
        await client.PostAsync("/api/v1/auth/magic-link/start", new { email = "cookie@example.com" });
        var token = SignInMail.TokenOf(await api.Mail.WaitForAsync("cookie@example.com"));

        await client.PostAsync("/api/v1/auth/magic-link/verify", new { token });

        var cookie = Assert.Single(client.LastSetCookies, c => c.StartsWith("__Host-ff_session=", StringComparison.Ordinal));
        var attributes = cookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("samesite=lax", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
        Assert.Matches("^[0-9a-f]{32}\\.[A-Za-z0-9_-]{43}\\.[A-Za-z0-9_-]{22}$", client.SessionCookie);
    }

    [Fact]
    public async Task The_csrf_cookie_is_readable_host_prefixed_and_strict()
    {
        using var client = api.Host.Client(Origin);
        await client.PrimeAsync();

        var cookie = Assert.Single(client.LastSetCookies, c => c.StartsWith("__Host-ff_csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("missing_token")]
    [InlineData("token_mismatch")]
    [InlineData("origin_mismatch")]
    [InlineData("missing_origin")]
    public async Task State_changing_requests_without_a_valid_csrf_token_and_origin_are_refused(string attack)
    {
        using var client = await SignedInAsync($"csrf-{attack}@example.com");
        client.SendCsrf = attack != "missing_token";
        if (attack == "token_mismatch")
        {
            client.Cookies["__Host-ff_csrf"] = new string('x', 43);
        }

        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", null, request =>
        {
            request.Headers.Remove("Origin");
            if (attack == "origin_mismatch")
            {
                request.Headers.Add("Origin", "https://evil.example");
            }
            else if (attack != "missing_origin")
            {
                request.Headers.Add("Origin", Origin);
            }

            if (attack == "token_mismatch")
            {
                request.Headers.Remove("X-CSRF-Token");
                request.Headers.Add("X-CSRF-Token", new string('y', 43));
            }
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("csrf_failed", response.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
    }

    [Theory]
    [InlineData("cross-site", "fetch_site_cross_site")]
    [InlineData("same-site", "fetch_site_same_site")]
    [InlineData("none", "fetch_site_none")]
    [InlineData("nonsense", "fetch_site_invalid")]
    public async Task A_state_change_the_browser_marks_as_not_same_origin_is_refused_even_with_token_and_origin(string site, string reason)
    {
        var email = $"fetch-site-{site}@example.com";
        using var client = await SignedInAsync(email);

        var refused = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/logout", null, r => r.Headers.Add("Sec-Fetch-Site", site));
        var sameOrigin = await client.SendAsync(
            HttpMethod.Post, "/api/v1/auth/sessions/revoke-all-others", null, r => r.Headers.Add("Sec-Fetch-Site", "same-origin"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("csrf_failed", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/auth/me")).Status);
        await using var audit = api.Database.DataSource.CreateCommand(
            "select details->>'reason' from login_events where event_type = 'csrf_rejected' and user_id = (select id from users where email = @email)");
        audit.Parameters.AddWithValue("email", email);
        Assert.Equal(reason, await audit.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_referer_from_our_origin_stands_in_for_a_missing_origin()
    {
        using var client = await SignedInAsync("referer@example.com");

        var response = await client.SendAsync(HttpMethod.Post, "/api/v1/auth/sessions/revoke-all-others", null, request =>
        {
            request.Headers.Remove("Origin");
            request.Headers.Referrer = new Uri(Origin + "/account/sessions");
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("0123456789abcdef0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task Forged_or_truncated_cookies_are_signed_out_without_activating_any_grain(string forged)
    {
        using var client = api.Host.Client(Origin);
        var real = await SignedInAsync("forger@example.com");
        var truncated = real.SessionCookie![..^3];
        var before = await api.Host.ActivationCountAsync();
        Assert.True(before > 0, "the signed-in person's user grain is counted");

        foreach (var value in new[] { forged, truncated })
        {
            client.Cookies["__Host-ff_session"] = value;
            var me = await client.GetAsync("/api/v1/auth/me");
            Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
            Assert.Equal("unauthenticated", me.ErrorCode);
        }

        Assert.Equal(before, await api.Host.ActivationCountAsync());
        real.Dispose();
    }

    [Fact]
    public async Task A_session_for_a_user_that_does_not_exist_is_refused()
    {
        var cookies = api.Host.App.Services.GetService(typeof(FitFolio.Api.Auth.SessionCookie)) as FitFolio.Api.Auth.SessionCookie;
        var (value, _) = cookies!.Issue(Guid.CreateVersion7());
        using var client = api.Host.Client(Origin);
        client.Cookies["__Host-ff_session"] = value;

        var me = await client.GetAsync("/api/v1/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.Status);
    }

    private Task<ApiClient> SignedInAsync(string email) => api.SignedInClientAsync(email, Origin);
}
