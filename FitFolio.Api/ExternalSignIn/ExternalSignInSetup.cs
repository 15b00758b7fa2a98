using System.Collections.Frozen;
using System.Text.Json;
using FitFolio.Api.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Npgsql;

namespace FitFolio.Api.ExternalSignIn;

/// <summary>
/// Registers one ASP.NET Core remote authentication handler per configured provider. The handlers do the protocol (authorization code
/// with PKCE, state protected by Data Protection and bound to a correlation cookie, the nonce, the ID token's signature and claims);
/// <see cref="ExternalSignInCompletion"/> turns what they proved into a FitFolio session. No handler signs anyone in to a cookie of
/// its own: the completion answers the callback itself.
/// </summary>
public static class ExternalSignInSetup
{
    /// <summary>Data Protection's application name: every replica must use the same one to read the others' protected state.</summary>
    public const string ApplicationName = "FitFolio";

    /// <summary>ASP.NET Core's switch that stops it making a lone authentication scheme the default one.</summary>
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    /// <summary>The property by which a WebApplication knows its pipeline already has the authentication middleware.</summary>
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    public static void AddFitFolioExternalSignIn(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(ExternalSignInOptions.Section);
        services.AddOptions<ExternalSignInOptions>().Bind(section);
        services.AddSingleton<ExternalSignInCompletion>();
        services.AddSingleton<ExternalEmailProof>();
        services.AddSingleton<Grains.ExternalIdentities.ExternalEmailProofStore>();
        services.AddDataProtection().SetApplicationName(ApplicationName);
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource>((options, dataSource) => options.XmlRepository = new PostgresKeyRing(dataSource));

        var configured = section.Get<ExternalSignInOptions>() ?? new ExternalSignInOptions();
        // No default scheme, ever: ASP.NET Core makes a lone scheme the default, and the authentication middleware would then
        // authenticate every request with that provider's handler (its sign-in scheme does not exist: every request a 500).
        // FitFolio's own session is not an authentication scheme; the handlers only run their challenges and callbacks.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        var authentication = services.AddAuthentication();
        foreach (var provider in configured.Configured())
        {
            if (provider.OpenIdConnect)
            {
                authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, _ => { });
                services.AddOptions<OpenIdConnectOptions>(provider.Scheme)
                    .Configure<IOptions<ExternalSignInOptions>, CookieSettings>((options, all, cookies) => Configure(options, provider, all.Value, cookies));
            }
            else
            {
                authentication.AddOAuth<OAuthOptions, DiscordHandler>(provider.Scheme, provider.DisplayName, _ => { });
                services.AddOptions<OAuthOptions>(provider.Scheme)
                    .Configure<IOptions<ExternalSignInOptions>, CookieSettings>(
                        (options, all, cookies) => ConfigureDiscord(options, provider, all.Value, cookies));
            }
        }
    }

    /// <summary>
    /// Where the handlers sit in the pipeline: after the per-IP limits, before the endpoints, and only on the configured providers'
    /// callback paths, the one request each handler answers itself (its challenge is made by our start endpoints through
    /// <c>ChallengeAsync</c>, which needs no middleware). On every other request the authentication middleware would only look
    /// for a handler to run and find none, at a cost per request (bench/README.md, "The session check's CPU, second pass").
    /// </summary>
    public static void UseFitFolioExternalSignIn(this WebApplication app)
    {
        var callbacks = app.Services.GetRequiredService<IOptions<ExternalSignInOptions>>().Value.Configured()
            .Select(provider => provider.CallbackPath).ToFrozenSet(StringComparer.Ordinal);
        // A WebApplication whose own builder is not marked as having the authentication middleware adds one at the front of the
        // pipeline, before the session is read (UseAuthentication below marks only the branch): every request would pay for it
        // again, and a callback in link mode would find no session. The mark is ASP.NET Core's (AuthAppBuilderExtensions); the
        // link tests and SignedInRequestCostTests fail if it stops working.
        ((IApplicationBuilder)app).Properties[AuthenticationMiddlewareSet] = true;
        if (callbacks.Count == 0)
        {
            return;
        }

        app.UseWhen(
            context => callbacks.Contains(context.Request.Path.Value ?? ""),
            callback => callback.UseMiddleware<ExternalCallbackLimitMiddleware>().UseAuthentication());
    }

    /// <summary>What every provider's handler shares: the client, the callback, the back channel's patience and the flow cookies.</summary>
    private static void ConfigureRemote(RemoteAuthenticationOptions options, ExternalProvider provider, ExternalSignInOptions all, CookieSettings cookies)
    {
        options.CallbackPath = provider.CallbackPath;
        options.BackchannelTimeout = all.BackchannelTimeout;
        options.SignInScheme = provider.Scheme + "-unused";
        // The answer comes back as a top-level GET, so SameSite=Lax cookies go with it and no cross-site POST reaches the front door.
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = cookies.Secure ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }

    private static void ConfigureDiscord(OAuthOptions options, ExternalProvider provider, ExternalSignInOptions all, CookieSettings cookies)
    {
        ConfigureRemote(options, provider, all, cookies);
        var site = provider.Options.Authority!;
        options.AuthorizationEndpoint = new Uri(site, "oauth2/authorize").ToString();
        options.TokenEndpoint = new Uri(site, "api/oauth2/token").ToString();
        options.UserInformationEndpoint = new Uri(site, "api/users/@me").ToString();
        options.ClientId = provider.Options.ClientId!;
        options.ClientSecret = provider.Options.ClientSecret!;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("identify");
        options.Scope.Add("email");
        options.SaveTokens = false;
        // Discord's user object: a snowflake id (stable; the username is not) and the address with its own "verified" flag.
        options.ClaimActions.MapJsonKey("sub", "id");
        options.ClaimActions.MapJsonKey("email", "email");
        options.ClaimActions.MapCustomJson(
            "email_verified", user => user.TryGetProperty("verified", out var verified) && verified.ValueKind == JsonValueKind.True ? "true" : "false");
        options.Events = new OAuthEvents
        {
            OnTicketReceived = context => context.HttpContext.RequestServices.GetRequiredService<ExternalSignInCompletion>().CompleteAsync(context, provider),
            OnRemoteFailure = context => context.HttpContext.RequestServices.GetRequiredService<ExternalSignInCompletion>().FailAsync(context, provider),
        };
    }

    private static void Configure(OpenIdConnectOptions options, ExternalProvider provider, ExternalSignInOptions all, CookieSettings cookies)
    {
        ConfigureRemote(options, provider, all, cookies);
        var authority = provider.Options.Authority!;
        options.Authority = authority.ToString();
        // Discovery over plain http only for a provider on this machine (the tests' local server); anywhere else https.
        options.RequireHttpsMetadata = !authority.IsLoopback;
        options.ClientId = provider.Options.ClientId;
        options.ClientSecret = provider.Options.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        // The answer comes back as a top-level GET (see the flow cookies in ConfigureRemote).
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.Scope.Add("email");
        // Tokens are used once, to learn who the person is; nothing needs them afterwards.
        options.SaveTokens = false;
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = options.CorrelationCookie.SecurePolicy;
        options.Events = new OpenIdConnectEvents
        {
            OnRedirectToIdentityProvider = context =>
            {
                // The callback is on the public origin whatever host name the request reached this replica by.
                var publicOrigin = context.HttpContext.RequestServices.GetRequiredService<IOptions<Grains.Common.AppOptions>>().Value.PublicOrigin!;
                context.ProtocolMessage.RedirectUri = new Uri(publicOrigin, provider.CallbackPath).ToString();
                return Task.CompletedTask;
            },
            OnTicketReceived = context => context.HttpContext.RequestServices.GetRequiredService<ExternalSignInCompletion>().CompleteAsync(context, provider),
            OnRemoteFailure = context => context.HttpContext.RequestServices.GetRequiredService<ExternalSignInCompletion>().FailAsync(context, provider),
        };
    }
}
