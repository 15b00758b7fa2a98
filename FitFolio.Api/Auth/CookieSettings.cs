using FitFolio.Grains.Common;
using FitFolio.Grains.Users;
using Microsoft.Extensions.Options;

namespace FitFolio.Api.Auth;

/// <summary>
/// Cookie names and flags. Over https (the public origin's scheme) cookies are Secure and
/// <c>__Host-</c> prefixed: host-only, Path=/, never set by a subdomain. On plain-http localhost
/// development browsers would drop Secure cookies, so there they are neither.
/// </summary>
public sealed class CookieSettings(IOptions<AppOptions> app, IOptions<AuthOptions> auth)
{
    public bool Secure { get; } = app.Value.PublicOrigin?.Scheme == Uri.UriSchemeHttps;

    public string SessionName => Secure ? "__Host-ff_session" : "ff_session";

    public string CsrfName => Secure ? "__Host-ff_csrf" : "ff_csrf";

    public string DeviceName => Secure ? "__Host-ff_device" : "ff_device";

    /// <summary>Sets the session cookie; it lives as long as a session may (the server enforces the rest).</summary>
    public void WriteSession(HttpResponse response, string value) =>
        response.Cookies.Append(SessionName, value, Session(auth.Value.SessionLifetime));

    public void ClearSession(HttpResponse response) => response.Cookies.Delete(SessionName, Session(TimeSpan.Zero));

    /// <summary>
    /// Names this browser for the new-device alert. 400 days is the longest lifetime browsers honour;
    /// the value is random, identifies nothing by itself, and only its hash is stored.
    /// </summary>
    public void WriteDevice(HttpResponse response, string value) =>
        response.Cookies.Append(DeviceName, value, Session(TimeSpan.FromDays(400)));

    private CookieOptions Session(TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = Secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };

    /// <summary>Readable by the app's script, which echoes it in X-CSRF-Token.</summary>
    public CookieOptions Csrf() => new()
    {
        HttpOnly = false,
        Secure = Secure,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        IsEssential = true,
    };
}
