using System.Net;
using FitFolio.Rehearsal;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The route cookie the rehearsal's proxy sets on a browser's first answer (<see cref="HaProxyConfig.RouteCookie"/>), which a
/// browser then sends with every request: the bench's clients keep it as a browser does, so each person stays on one silo.
/// </summary>
internal static class ProxyRoute
{
    /// <summary>
    /// A signed-in person's first request through the proxy, with no route yet: the proxy picks a silo, the person's grains
    /// are activated there, and the answer's route cookie is returned as the <c>name=value</c> pair a Cookie header carries.
    /// </summary>
    public static async Task<string> ArriveAsync(HttpClient client, string sessionCookie, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/me");
        request.Headers.Add("Cookie", $"__Host-ff_session={sessionCookie}");
        using var response = await client.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"A seeded session was refused through the proxy: {(int)response.StatusCode}");
        }

        return response.Headers.TryGetValues("Set-Cookie", out var values)
            && values.FirstOrDefault(v => v.StartsWith(HaProxyConfig.RouteCookie + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.Split(';')[0]
            : throw new InvalidOperationException($"The proxy set no {HaProxyConfig.RouteCookie} cookie on a first answer.");
    }
}
