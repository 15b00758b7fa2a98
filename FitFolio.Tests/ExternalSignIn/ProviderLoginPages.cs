using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// The login and consent pages of the tests' providers (<see cref="TestIdentityProvider"/>, <see cref="TestDiscord"/>), in a real
/// provider's shape. The provider keeps its own people; <c>GET</c> on the authorization endpoint answers a login form (the subject or the
/// address, and a password); a wrong password answers the form again with an error, no redirect; the right one answers a consent page
/// naming the client and the scopes, with Allow and Deny. Both forms post back to the authorization endpoint with the authorization
/// request in hidden fields, so the provider checks the client and its redirect URI again on every step. Plain server HTML, no script,
/// no external asset.
/// </summary>
/// <remarks>
/// Each form carries a single-use token (a synchronizer token) bound to this browser's cookie at the provider and kept server-side
/// for <see cref="FormLifetime"/>: a form posted from another site, posted twice, or posted from another browser is refused. The consent
/// token also carries who signed in and when, so the consent step cannot be reached by naming someone in a hidden field.
/// </remarks>
public sealed class ProviderLoginPages(string providerName, string cookieName)
{
    public static readonly TimeSpan FormLifetime = TimeSpan.FromMinutes(10);

    /// <summary>The form fields of these pages, never part of the authorization request carried in hidden fields.</summary>
    private static readonly HashSet<string> OwnFields = new(StringComparer.Ordinal) { "form_token", "action", "username", "password" };

    private readonly ConcurrentDictionary<string, Registered> _people = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FormTicket> _tickets = new(StringComparer.Ordinal);
    private long _registrations;

    /// <summary>Registers (or replaces) <paramref name="person"/>, keyed by subject; only a hash of the password is kept.</summary>
    public void Register(TestPerson person) => _people[person.Subject] = new Registered(
        person, SHA256.HashData(Encoding.UTF8.GetBytes(person.Password)), Interlocked.Increment(ref _registrations));

    /// <summary>
    /// One step of the pages for an authorization request (<paramref name="request"/>: its parameters, already checked by the provider)
    /// from <paramref name="client"/> asking for <paramref name="scopes"/>.
    /// </summary>
    public async Task<ProviderLoginOutcome> StepAsync(
        HttpContext http, IEnumerable<KeyValuePair<string, string?>> request, string client, IReadOnlyCollection<string> scopes)
    {
        var carried = request.Where(p => !OwnFields.Contains(p.Key) && p.Value is not null).ToList();
        var browser = http.Request.Cookies.TryGetValue(cookieName, out var known) && known is { Length: 43 } ? known : null;
        if (browser is null)
        {
            browser = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
            http.Response.Cookies.Append(cookieName, browser, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        }

        if (HttpMethods.IsGet(http.Request.Method))
        {
            return new(Login(http, browser, carried, error: null));
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var now = DateTimeOffset.UtcNow;
        // Spent only by the browser it was handed to: another browser posting it learns nothing and takes nothing away.
        var token = form["form_token"].ToString();
        if (!_tickets.TryGetValue(token, out var ticket) || ticket.Browser != browser || ticket.Expires < now
            || !_tickets.TryRemove(KeyValuePair.Create(token, ticket)))
        {
            return new(Page(http, "This page has expired", StatusCodes.Status400BadRequest, "<p>Go back to the application and sign in again.</p>"));
        }

        var action = form["action"].ToString();
        if (ticket.Subject is null && action == "login")
        {
            return Find(form["username"].ToString(), form["password"].ToString()) is { } person
                ? new(Consent(http, browser, carried, person, now, client, scopes))
                : new(Login(http, browser, carried, "Wrong username or password."));
        }

        if (ticket.Subject is not null && action is "allow" or "deny" && _people.TryGetValue(ticket.Subject, out var registered))
        {
            return action == "allow" ? new(null, registered.Person, ticket.AuthenticatedAt) : ProviderLoginOutcome.Deny;
        }

        return new(Page(http, "Something went wrong", StatusCodes.Status400BadRequest, "<p>Go back to the application and sign in again.</p>"));
    }

    /// <summary>The person by subject, else the newest registered with that address; only when the password matches.</summary>
    private TestPerson? Find(string username, string password)
    {
        var found = _people.TryGetValue(username, out var bySubject)
            ? bySubject
            : _people.Values.Where(p => string.Equals(p.Person.Email, username, StringComparison.OrdinalIgnoreCase)).MaxBy(p => p.Order);
        var typed = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return found is not null && CryptographicOperations.FixedTimeEquals(found.PasswordHash, typed) ? found.Person : null;
    }

    private IResult Login(HttpContext http, string browser, List<KeyValuePair<string, string?>> carried, string? error)
    {
        var alert = error is null ? "" : $"""<p class="error" role="alert">{Html(error)}</p>""";
        return Page(
            http,
            $"Sign in to {providerName}",
            StatusCodes.Status200OK,
            $"""
            {alert}
            <form method="post" action="{Html(http.Request.Path)}">
            {Hidden(carried, Issue(browser, null, default))}
            <label for="username">Username or email</label>
            <input id="username" name="username" autocomplete="username" required>
            <label for="password">Password</label>
            <input id="password" name="password" type="password" autocomplete="current-password" required>
            <button type="submit" name="action" value="login">Sign in</button>
            </form>
            """);
    }

    private IResult Consent(
        HttpContext http,
        string browser,
        List<KeyValuePair<string, string?>> carried,
        TestPerson person,
        DateTimeOffset now,
        string client,
        IReadOnlyCollection<string> scopes)
    {
        var asked = string.Concat(scopes.Select(s => $"<li><strong>{Html(s)}</strong>: {Html(Describe(s))}</li>"));
        return Page(
            http,
            $"Allow {client} to use your {providerName} account?",
            StatusCodes.Status200OK,
            $"""
            <p>You are signed in to {Html(providerName)} as <strong>{Html(person.Email ?? person.Subject)}</strong>.</p>
            <p><strong>{Html(client)}</strong> asks for:</p>
            <ul>{asked}</ul>
            <form method="post" action="{Html(http.Request.Path)}">
            {Hidden(carried, Issue(browser, person.Subject, now))}
            <button type="submit" name="action" value="allow">Allow</button>
            <button type="submit" name="action" value="deny">Deny</button>
            </form>
            """);
    }

    private string Issue(string browser, string? subject, DateTimeOffset authenticatedAt)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = DateTimeOffset.UtcNow;
        foreach (var stale in _tickets.Where(t => t.Value.Expires < now).Select(t => t.Key).ToList())
        {
            _tickets.TryRemove(stale, out _);
        }

        _tickets[token] = new FormTicket(browser, subject, authenticatedAt, now + FormLifetime);
        return token;
    }

    private static string Hidden(List<KeyValuePair<string, string?>> carried, string token) => string.Join(
        "\n",
        carried.Append(KeyValuePair.Create("form_token", (string?)token))
            .Select(p => $"""<input type="hidden" name="{Html(p.Key)}" value="{Html(p.Value)}">"""));

    private static string Describe(string scope) => scope switch
    {
        "openid" => "who you are here (your user id)",
        "email" => "your email address and whether it is verified",
        "identify" => "your user name and avatar",
        _ => "access it names",
    };

    private IResult Page(HttpContext http, string title, int status, string body)
    {
        // No script and nothing from elsewhere; not to be framed (the consent buttons are worth clickjacking).
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Content(
            $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{Html(title)} · {Html(providerName)}</title>
            <style>{Style}</style>
            </head>
            <body>
            <main>
            <h1>{Html(title)}</h1>
            {body}
            </main>
            </body>
            </html>
            """,
            "text/html; charset=utf-8",
            Encoding.UTF8,
            status);
    }

    private const string Style =
        "body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; } "
        + "label, input { display: block; width: 100%; box-sizing: border-box; margin: .25rem 0 .75rem; } "
        + "button { margin: .5rem .5rem 0 0; padding: .4rem 1rem; } .error { color: #b00020; }";

    private static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    private sealed record Registered(TestPerson Person, byte[] PasswordHash, long Order);

    /// <summary>A form this provider handed out: to which browser, and (consent forms) who signed in and when.</summary>
    private sealed record FormTicket(string Browser, string? Subject, DateTimeOffset AuthenticatedAt, DateTimeOffset Expires);
}
