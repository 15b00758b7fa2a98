using FitFolio.Grains.Common;
using FitFolio.Api.OpenApi;
using Scalar.AspNetCore;

namespace FitFolio.Api.Http;

/// <summary>
/// The browsable API reference (Scalar) at <see cref="Path"/>, under a Content-Security-Policy of its
/// own. Its page starts with an inline module script, so the app's policy (scripts from 'self' only)
/// would leave it blank; instead of 'unsafe-inline', every response carries a fresh nonce on its script
/// tags and in its policy (CSP Level 3 §6.7.3.1). Scalar's font CDN and telemetry are turned off so
/// nothing but our own origin is ever contacted, and the rest of the policy is as tight as the app's.
/// </summary>
public static class ApiDocs
{
    public const string Path = "/api/v1/docs";

    public static IEndpointConventionBuilder MapApiDocs(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapScalarApiReference(Path, (options, context) =>
        {
            // Scalar takes its options from IOptionsSnapshot: a fresh object per request, so the nonce is this response's alone.
            var nonce = Secrets.NewToken();
            options.WithOpenApiRoutePattern("/api/{documentName}/openapi.json")
                .WithTitle("FitFolio API")
                .DisableDefaultFonts()
                .DisableTelemetry()
                // No vendor services or links: the AI agent and MCP buttons call Scalar's cloud, the developer
                // toolbar (shown on localhost) and the "Powered by" link lead to Scalar's hosted products.
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools()
                .HideClientButton()
                .WithCustomCss("a[href^='https://scalar.com'] { display: none; }")
                // The document declares the session cookie and API keys; a person pasting a key is the common case here.
                .AddPreferredSecuritySchemes([ApiSecuritySchemes.ApiKey])
                .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl);
            options.Nonce = nonce;
            context.Response.Headers.ContentSecurityPolicy = Policy(nonce);
        });

    /// <summary>
    /// Scalar styles itself with style elements it creates at run time and shows inline SVG icons, so
    /// styles allow inline and images data:, as the app's own policy does; scripts never do.
    /// </summary>
    private static string Policy(string nonce) =>
        $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; " +
        "frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; object-src 'none'";
}
