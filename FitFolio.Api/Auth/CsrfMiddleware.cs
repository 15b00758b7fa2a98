using System.Security.Cryptography;
using System.Text;
using FitFolio.Api.Http;
using FitFolio.Grains.Audit;
using FitFolio.Grains.Common;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// CSRF defence for cookie-authenticated requests (OWASP ASVS 5.0 §3.5): every state-changing
/// request under /api must echo the readable CSRF cookie in <c>X-CSRF-Token</c> (double submit)
/// and come from our own origin by <c>Origin</c>, or <c>Referer</c> when no Origin is sent.
/// SameSite=Lax on the session cookie is the first layer; this is the second. Where the browser
/// states where the request comes from (<c>Sec-Fetch-Site</c>, Fetch Metadata §2.1.4), that must be
/// <c>same-origin</c> as well: <c>same-site</c> (a sibling subdomain) and <c>cross-site</c> are
/// refused, and so is <c>none</c>, which marks a navigation the person started from the address
/// bar or a bookmark: no attacker can cause it, but the app's own state changes are always
/// same-origin fetches, so refusing it costs nothing and keeps the rule to one value. A request
/// without the header (an older browser, a script) is judged by the token and origin alone.
/// The token cookie is handed out on any response that lacks it.
/// </summary>
public sealed partial class CsrfMiddleware(
    RequestDelegate next, CookieSettings settings, IOptions<AppOptions> app, AuditLog audit, ILogger<CsrfMiddleware> logger)
{
    public const string HeaderName = "X-CSRF-Token";

    private const string FetchSiteHeader = "Sec-Fetch-Site";

    private readonly string _origin = app.Value.PublicOrigin!.GetLeftPart(UriPartial.Authority);

    public async Task InvokeAsync(HttpContext context)
    {
        var cookie = context.Request.Cookies[settings.CsrfName];
        if (cookie is not { Length: 43 })
        {
            context.Response.Cookies.Append(settings.CsrfName, Secrets.NewToken(), settings.Csrf());
        }

        if (RequiresCheck(context) && Refusal(context, cookie) is { } reason)
        {
            LogRefused(reason, context.Request.Path);
            await audit.WriteAsync(new AuditEvent(
                AuditEventType.CsrfRejected,
                context.Features.Get<CurrentSession>()?.UserId,
                RequestOrigins.Of(context),
                new Dictionary<string, object?> { ["reason"] = reason, ["path"] = context.Request.Path.Value }));
            await Errors.WriteAsync(
                context, StatusCodes.Status403Forbidden, "csrf_failed", "This request did not come from the FitFolio app. Reload the page and try again.");
            return;
        }

        await next(context);
    }

    /// <summary>
    /// Whether a cookie-authenticated request of <paramref name="method"/> to <paramref name="path"/> must pass the
    /// check; the OpenAPI document asks the same question of every operation (ApiSecurityTransformer).
    /// </summary>
    public static bool Guards(string method, PathString path, bool exempt) =>
        !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method)
        && path.StartsWithSegments("/api", StringComparison.Ordinal)
        && !exempt;

    private static bool RequiresCheck(HttpContext context) =>
        context.Features.Get<CurrentUser>() is not { ViaApiKey: true }
        && Guards(context.Request.Method, context.Request.Path, context.GetEndpoint()?.Metadata.GetMetadata<CsrfExemptAttribute>() is not null);

    private string? Refusal(HttpContext context, string? cookie)
    {
        var site = context.Request.Headers[FetchSiteHeader].ToString();
        if (site.Length > 0 && !string.Equals(site, "same-origin", StringComparison.OrdinalIgnoreCase))
        {
            return site.ToLowerInvariant() switch
            {
                "same-site" => "fetch_site_same_site",
                "cross-site" => "fetch_site_cross_site",
                "none" => "fetch_site_none",
                _ => "fetch_site_invalid",
            };
        }

        var header = context.Request.Headers[HeaderName].ToString();
        if (cookie is null || header.Length == 0)
        {
            return "missing_token";
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(cookie), Encoding.UTF8.GetBytes(header)))
        {
            return "token_mismatch";
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            return string.Equals(origin, _origin, StringComparison.OrdinalIgnoreCase) ? null : "origin_mismatch";
        }

        var referer = context.Request.Headers.Referer.ToString();
        if (Uri.TryCreate(referer, UriKind.Absolute, out var refererUri))
        {
            return string.Equals(refererUri.GetLeftPart(UriPartial.Authority), _origin, StringComparison.OrdinalIgnoreCase) ? null : "referer_mismatch";
        }

        return "missing_origin";
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "CSRF check refused {Path}: {Reason}")]
    private partial void LogRefused(string reason, string path);
}
