using FitFolio.Grains.Common;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Http;

/// <summary>
/// Headers every response carries, whether or not a proxy adds its own. The API docs page replaces
/// the Content-Security-Policy with its own (<see cref="ApiDocs"/>).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next, IOptions<AppOptions> app)
{
    // The SPA is built with no inline scripts, so 'self' is enough; styles allow inline for React's style attributes.
    // base-uri 'none': the app never uses <base>, so an injected one cannot re-point its relative script URLs.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    // Two years, as the Traefik file sends, so either layer alone states the same policy; ASVS 5.0 §3.4.1
    // asks for at least one. Browsers ignore it over plain http (RFC 6797 §8.1), so it is sent whenever the
    // public origin is https, whatever scheme the proxy used to reach us. Not preloaded: that binds the
    // whole registrable domain, which is the domain owner's decision.
    private const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    private readonly bool _https = app.Value.PublicOrigin!.Scheme == Uri.UriSchemeHttps;

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        if (_https)
        {
            headers.StrictTransportSecurity = StrictTransportSecurity;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }

        return next(context);
    }
}
