using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A real OpenID Connect provider (OpenIddict.Server) on a loopback port in the test process: discovery, keys, an authorization endpoint
/// with a login and a consent page (<see cref="ProviderLoginPages"/>: the person types a password and presses Allow or Deny; Allow signs
/// in with <c>auth_time</c> now), and a token endpoint that checks the client's secret and PKCE. Degraded mode (no OpenIddict store): the
/// client and its redirect URI are checked here instead. Tests turn on the ways a provider goes wrong: a nonce of another flow, a token
/// endpoint down or answering garbage.
/// </summary>
/// <remarks>
/// The authorization endpoint is OpenIddict's with passthrough to a minimal-API endpoint, and the pages post back to it with the
/// request in hidden fields: OpenIddict then validates the whole request (client, redirect URI, PKCE, scopes) on every step, GET or
/// POST, so no step can be steered to another client or redirect URI, and the provider keeps no state per request but its form tokens.
/// </remarks>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The clients this provider knows: client id → (name shown on the consent page, secret, redirect URI).</summary>
    public Dictionary<string, (string Name, string Secret, string RedirectUri)> Clients { get; } = new(StringComparer.Ordinal);

    /// <summary>The provider's people and its login and consent pages.</summary>
    public ProviderLoginPages Pages { get; } = new("Test Provider", "test_provider_browser");

    /// <summary>Registers <paramref name="person"/> at this provider (or replaces the one with that subject).</summary>
    public void Register(TestPerson person) => Pages.Register(person);

    /// <summary>The ID token carries this nonce instead of the one the client sent (a token minted for another flow).</summary>
    public string? ForgedNonce { get; set; }

    /// <summary>The token endpoint drops the connection (the provider is down) when set to "down", or answers an HTML page when "garbage".</summary>
    public string? TokenEndpointFault { get; set; }

    public static async Task<TestIdentityProvider> StartAsync(CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        TestIdentityProvider? self = null;
        builder.Services.AddOpenIddict().AddServer(options =>
        {
            options.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            options.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            // Degraded mode knows no scope it was not told of.
            options.RegisterScopes(Scopes.Email);
            options.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
            options.EnableDegradedMode();
            options.UseAspNetCore().DisableTransportSecurityRequirement().EnableAuthorizationEndpointPassthrough();
            options.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!self!.Clients.TryGetValue(context.ClientId ?? "", out var client) || client.RedirectUri != context.RedirectUri)
                {
                    context.Reject(Errors.InvalidClient, "Unknown client or redirect URI.");
                }
                else if (self.ForgedNonce is { } nonce)
                {
                    context.Request.Nonce = nonce;
                }

                return default;
            }));
            options.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (!self!.Clients.TryGetValue(context.Request.ClientId ?? "", out var client) || client.Secret != context.Request.ClientSecret)
                {
                    context.Reject(Errors.InvalidClient, "Wrong client credentials.");
                }

                return default;
            }));
        });

        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Path == "/connect/token" && self!.TokenEndpointFault is { } fault)
            {
                if (fault == "down")
                {
                    context.Abort();
                    return;
                }

                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body>Bad gateway</body></html>");
                return;
            }

            await next(context);
        });
        // After the faults: OpenIddict answers its endpoints from the authentication middleware, and passes the authorization
        // endpoint through to the pages.
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpRequest request) => self!.AuthorizeAsync(request.HttpContext));
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new TestIdentityProvider(app, new Uri(address + "/"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task<IResult> AuthorizeAsync(HttpContext http)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an authorization request.");
        var parameters = request.GetParameters().Select(p => KeyValuePair.Create(p.Key, (string?)p.Value));
        var outcome = await Pages.StepAsync(http, parameters, Clients[request.ClientId!].Name, [.. request.GetScopes()]);
        if (outcome.Page is { } page)
        {
            return page;
        }

        if (outcome.Allowed is not { } person)
        {
            return Results.Forbid(
                new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.AccessDenied,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The person declined.",
                }),
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        return Results.SignIn(Principal(person, outcome.AuthenticatedAt), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsPrincipal Principal(TestPerson person, DateTimeOffset authenticatedAt)
    {
        var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        if (person.Email is not null)
        {
            identity.SetClaim(Claims.Email, person.Email);
            identity.SetClaim(Claims.EmailVerified, person.EmailVerified);
        }

        // The person typed their password just now: a sign-in that counts as recent.
        identity.SetClaim(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(Scopes.OpenId, Scopes.Email);
        return principal;
    }
}
