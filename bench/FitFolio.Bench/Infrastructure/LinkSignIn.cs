using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FitFolio.Grains.Users;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// Signs in the way a person does: asks for a link, reads it from the mail the outbox delivered
/// to the sink, and opens it (the verify call the app makes), keeping the cookies the server set.
/// Link tokens are stored hashed, so the mail is the only place the token exists.
/// </summary>
internal static partial class LinkSignIn
{
    /// <summary>The browser's cookies after sign-in (session and CSRF) and the profile the server returned.</summary>
    public sealed record Result(string SessionCookie, string CsrfCookie, UserProfile User)
    {
        /// <summary>The Cookie header a browser would send with them.</summary>
        public string CookieHeader => $"Cookie: ff_session={SessionCookie}; ff_csrf={CsrfCookie}";
    }

    /// <summary>
    /// Signs <paramref name="email"/> in; with <paramref name="provedWithPasskey"/> the session then proves itself with a passkey, as admin routes need.
    /// </summary>
    public static async Task<Result> RunAsync(FitFolioHost host, string email, bool provedWithPasskey = false)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies };
        using var client = new HttpClient(handler) { BaseAddress = host.Address };

        var start = await client.PostAsJsonAsync("/api/v1/auth/magic-link/start", new { email });
        Expect(start, HttpStatusCode.Accepted);
        var mail = await host.Mail.WaitForMessageAsync(m => m.IsTo(email), TimeSpan.FromSeconds(30));
        var token = LinkToken().Match(mail.TextBody ?? "") is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The sign-in mail carries no link token: " + mail.TextBody);

        // Verify is CSRF-checked like any state change from the app: echo the CSRF cookie and name our origin.
        var csrf = CookieValue(cookies, host.Address, "ff_csrf");
        using var verify = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/magic-link/verify") { Content = JsonContent.Create(new { token }) };
        verify.Headers.Add("X-CSRF-Token", csrf);
        verify.Headers.Add("Origin", FitFolioHost.Origin);
        var verified = await client.SendAsync(verify);
        Expect(verified, HttpStatusCode.OK);
        if (provedWithPasskey)
        {
            await PasskeyProof.RunAsync(client, csrf);
        }

        var session = CookieValue(cookies, host.Address, "ff_session");
        var me = await client.GetFromJsonAsync<UserProfile>("/api/v1/auth/me")
            ?? throw new InvalidOperationException("GET /api/v1/auth/me returned no body.");
        if (!string.Equals(me.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"Signed in as {me.Email}, expected {email}.");
        }

        return new Result(session, csrf, me);
    }

    private static void Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode != status)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)status}: {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
        }
    }

    private static string CookieValue(CookieContainer cookies, Uri address, string name) =>
        cookies.GetCookies(address)[name]?.Value ?? throw new InvalidOperationException($"The server set no {name} cookie.");

    [GeneratedRegex("#token=([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
