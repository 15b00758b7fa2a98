using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A local OAuth 2 server in Discord's shapes: <c>/oauth2/authorize</c> (the login and consent pages of <see cref="ProviderLoginPages"/>,
/// ending in a code, or <c>access_denied</c> when the person presses Deny), <c>POST /api/oauth2/token</c> (client secret, redirect URI,
/// single-use code and PKCE checked; Discord's token JSON) and <c>GET /api/users/@me</c> (Discord's user object: snowflake <c>id</c>,
/// <c>email</c>, <c>verified</c>). No ID token, no nonce.
/// </summary>
public sealed class TestDiscord : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (TestPerson Person, string Challenge, string RedirectUri)> _codes = new();
    private readonly ConcurrentDictionary<string, TestPerson> _tokens = new();

    private TestDiscord(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public const string ClientId = "fitfolio-discord";

    public const string ClientSecret = "discord-client-secret";

    /// <summary>The redirect URI registered for <see cref="ClientId"/> (the tests' host by default; the e2e launcher sets its own).</summary>
    public string RedirectUri { get; set; } = "http://localhost:8080/api/v1/auth/external/discord/callback";

    /// <summary>The people and the login and consent pages; <see cref="TestPerson.Subject"/> is the snowflake id (and the username).</summary>
    public ProviderLoginPages Pages { get; } = new("Discord", "test_discord_browser");

    /// <summary>Registers <paramref name="person"/>; <see cref="TestPerson.EmailVerified"/> is Discord's "verified" flag.</summary>
    public void Register(TestPerson person) => Pages.Register(person);

    /// <summary>The token endpoint takes a code again (a lax provider): what stops a replayed callback is then FitFolio's own flow claim.</summary>
    public bool ReusableCodes { get; set; }

    private int _userLookups;

    /// <summary>How many times <c>/users/@me</c> answered with a user.</summary>
    public int UserLookups => _userLookups;

    public static async Task<TestDiscord> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestDiscord? self = null;
        app.MapMethods("/oauth2/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpRequest request) => self!.AuthorizeAsync(request.HttpContext));
        app.MapPost("/api/oauth2/token", async (HttpRequest request) => self!.Token(await request.ReadFormAsync()));
        app.MapGet("/api/users/@me", (HttpRequest request) => self!.Me(request));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestDiscord(app, new Uri(address + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>The request comes in the query (<c>GET</c>, from the client) or in the pages' hidden fields (<c>POST</c>): checked either way.</summary>
    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        IEnumerable<KeyValuePair<string, StringValues>> source = HttpMethods.IsGet(http.Request.Method)
            ? http.Request.Query
            : await http.Request.ReadFormAsync(http.RequestAborted);
        var query = source.ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal);
        if (query.GetValueOrDefault("client_id") != ClientId || query.GetValueOrDefault("redirect_uri") != RedirectUri
            || query.GetValueOrDefault("response_type") != "code" || query.GetValueOrDefault("code_challenge_method") != "S256"
            || string.IsNullOrEmpty(query.GetValueOrDefault("code_challenge")))
        {
            return Results.BadRequest(new { message = "Invalid OAuth2 redirect_uri", code = 50035 });
        }

        var scopes = (query.GetValueOrDefault("scope") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var outcome = await Pages.StepAsync(http, query.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value)), "FitFolio", scopes);
        if (outcome.Page is { } page)
        {
            return page;
        }

        var state = query.GetValueOrDefault("state");
        if (outcome.Allowed is not { } person)
        {
            return Results.Redirect(QueryHelpers.AddQueryString(RedirectUri, new Dictionary<string, string?>
            {
                ["error"] = "access_denied",
                ["error_description"] = "The resource owner or authorization server denied the request",
                ["state"] = state,
            }));
        }

        var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (person, query["code_challenge"], RedirectUri);
        return Results.Redirect(QueryHelpers.AddQueryString(RedirectUri, new Dictionary<string, string?> { ["code"] = code, ["state"] = state }));
    }

    private IResult Token(IFormCollection form)
    {
        if (form["client_id"] != ClientId || form["client_secret"] != ClientSecret)
        {
            return Results.Json(new { error = "invalid_client" }, statusCode: 401);
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlTextEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var code = form["code"].ToString();
        if (form["grant_type"] != "authorization_code" || !(ReusableCodes ? _codes.TryGetValue(code, out var issued) : _codes.TryRemove(code, out issued))
            || issued.RedirectUri != form["redirect_uri"] || issued.Challenge != challenge)
        {
            return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _tokens[token] = issued.Person;
        return Results.Json(new { access_token = token, token_type = "Bearer", expires_in = 604800, refresh_token = "unused", scope = "identify email" });
    }

    private IResult Me(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(header["Bearer ".Length..], out var person))
        {
            return Results.Json(new { message = "401: Unauthorized", code = 0 }, statusCode: 401);
        }

        Interlocked.Increment(ref _userLookups);
        return Results.Json(new
        {
            id = person.Subject,
            username = "nelly",
            discriminator = "0",
            global_name = "Nelly",
            avatar = (string?)null,
            verified = person.EmailVerified,
            email = person.Email,
            flags = 0,
            mfa_enabled = false,
        });
    }
}
