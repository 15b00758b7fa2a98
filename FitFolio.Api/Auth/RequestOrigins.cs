using FitFolio.Grains.Common;

namespace FitFolio.Api.Auth;

public static class RequestOrigins
{
    /// <summary>The client as this request describes it (the IP is the proxy-forwarded one when forwarded headers are enabled).</summary>
    public static RequestOrigin Of(HttpContext context)
    {
        var agent = context.Request.Headers.UserAgent.ToString();
        return new RequestOrigin(ClientIp(context), agent.Length == 0 ? null : agent, context.TraceIdentifier);
    }

    /// <summary>
    /// The client of a sign-in request, with the hash of its device cookie; a browser without one
    /// is given one here, so its next sign-in is recognised.
    /// </summary>
    public static RequestOrigin OfSignIn(HttpContext context, CookieSettings cookies)
    {
        var device = context.Request.Cookies[cookies.DeviceName];
        if (!Secrets.IsWellFormedToken(device))
        {
            device = Secrets.NewToken();
            cookies.WriteDevice(context.Response, device);
        }

        return Of(context) with { DeviceHash = Secrets.Digest(device!) };
    }

    public static string ClientIp(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is { IsIPv4MappedToIPv6: true })
        {
            address = address.MapToIPv4();
        }

        return address?.ToString() ?? "unknown";
    }
}
