using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace FitFolio.Tests.ExternalSignIn;

/// <summary>
/// A real OpenID Connect provider (OpenIddict.Server) on a loopback port in the test process: discovery, keys, an authorization endpoint
/// that signs in <see cref="NextPerson"/> at once (the login page of a real provider, already filled in), and a token endpoint that checks
/// the client's secret and PKCE. Degraded mode (no OpenIddict store): the client and its redirect URI are checked here instead.
/// Tests turn on the ways a provider goes wrong: consent denied, a nonce of another flow, a token endpoint down or answering garbage.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestIdentityProvider(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The clients this provider knows: client id → (secret, redirect URI).</summary>
    public Dictionary<string, (string Secret, string RedirectUri)> Clients { get; } = new(StringComparer.Ordinal);

    public TestPerson NextPerson { get; set; } = new("subject-1", "person@example.com");

    /// <summary>The person declines at the provider: the authorization endpoint answers <c>access_denied</c>.</summary>
    public bool DenyConsent { get; set; }

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
            options.UseAspNetCore().DisableTransportSecurityRequirement();
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
            options.AddEventHandler<OpenIddictServerEvents.HandleAuthorizationRequestContext>(handler => handler.UseInlineHandler(context =>
            {
                if (self!.DenyConsent)
                {
                    context.Reject(Errors.AccessDenied, "The person declined.");
                    return default;
                }

                context.SignIn(self.Principal());
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
        // After the faults: OpenIddict answers its endpoints from the authentication middleware.
        app.UseAuthentication();
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

    private ClaimsPrincipal Principal()
    {
        var person = NextPerson;
        var identity = new ClaimsIdentity("test-provider", Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject);
        if (person.Email is not null)
        {
            identity.SetClaim(Claims.Email, person.Email);
            identity.SetClaim(Claims.EmailVerified, person.EmailVerified);
        }

        if (person.AuthenticatedAt is { } at)
        {
            identity.SetClaim(Claims.AuthenticationTime, at.ToUnixTimeSeconds());
        }

        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        var principal = new ClaimsPrincipal(identity);
        principal.SetScopes(Scopes.OpenId, Scopes.Email);
        return principal;
    }
}
