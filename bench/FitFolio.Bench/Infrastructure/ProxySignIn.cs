using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FitFolio.TestMail;
using FitFolio.Rehearsal;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The link sign-in of <see cref="LinkSignIn"/>, through a rehearsal's TLS proxy: the mail is read
/// from smtp4dev's REST API, the cookies are the <c>__Host-</c> ones an
/// https origin gets.
/// </summary>
internal static partial class ProxySignIn
{
    public static async Task<string> CookieHeaderAsync(RehearsalStack stack, string email)
    {
        using var client = new HttpClient(stack.CreateHttpHandler()) { BaseAddress = stack.PublicOrigin };
        var cookies = new Dictionary<string, string>();
        await SendAsync(client, cookies, new HttpRequestMessage(HttpMethod.Get, "/healthz/live"), HttpStatusCode.OK);
        await SendAsync(client, cookies, Post(stack, cookies, "/api/v1/auth/magic-link/start", new { email }), HttpStatusCode.Accepted);
        var token = await TokenAsync(stack, email);
        await SendAsync(client, cookies, Post(stack, cookies, "/api/v1/auth/magic-link/verify", new { token }), HttpStatusCode.OK);
        return "Cookie: " + string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}"));
    }

    private static HttpRequestMessage Post(RehearsalStack stack, Dictionary<string, string> cookies, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Origin", stack.PublicOrigin.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("X-CSRF-Token", cookies["__Host-ff_csrf"]);
        return request;
    }

    private static async Task SendAsync(HttpClient client, Dictionary<string, string> cookies, HttpRequestMessage request, HttpStatusCode expected)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        using (request)
        using (var response = await client.SendAsync(request))
        {
            if (response.StatusCode != expected)
            {
                throw new InvalidOperationException(
                    $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
            }

            foreach (var cookie in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = cookie.Split(';')[0].Split('=', 2);
                cookies[pair[0]] = pair[1];
            }
        }
    }

    private static async Task<string> TokenAsync(RehearsalStack stack, string email)
    {
        using var mailbox = new Smtp4devMailbox(stack.Mailbox);
        var mail = await mailbox.WaitForAsync(email, m => LinkToken().IsMatch(m.TextBody ?? ""), 1, TimeSpan.FromSeconds(30));
        return LinkToken().Match(mail.TextBody!).Groups[1].Value;
    }

    [GeneratedRegex("#token=([A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
