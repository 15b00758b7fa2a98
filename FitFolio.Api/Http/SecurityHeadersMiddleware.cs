namespace FitFolio.Api.Http;

/// <summary>Headers every response carries, whether or not a proxy adds its own.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // The SPA is built with no inline scripts, so 'self' is enough; styles allow inline for React's style attributes.
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        if (!context.Request.Path.StartsWithSegments("/api/v1/docs", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }

        return next(context);
    }
}
