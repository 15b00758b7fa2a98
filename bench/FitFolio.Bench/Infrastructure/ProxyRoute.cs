using FitFolio.Rehearsal;

namespace FitFolio.Bench.Infrastructure;

/// <summary>
/// The route cookie the rehearsal's proxy sets on a browser's first answer (<see cref="HaProxyConfig.RouteCookie"/>), which a
/// browser then sends with every request: the bench's clients keep it as a browser does, so each person stays on one silo.
/// </summary>
internal static class ProxyRoute
{
    /// <summary>The route cookie a first answer set, as the <c>name=value</c> pair a Cookie header carries.</summary>
    public static string Of(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            && values.FirstOrDefault(v => v.StartsWith(HaProxyConfig.RouteCookie + "=", StringComparison.Ordinal)) is { } cookie
            ? cookie.Split(';')[0]
            : throw new InvalidOperationException($"The proxy set no {HaProxyConfig.RouteCookie} cookie on a first answer.");
}
