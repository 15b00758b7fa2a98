using System.Net;
using FitFolio.Api.Hosting;

namespace FitFolio.Api.Http;

/// <summary>
/// Which peers may state the client's address and scheme (<c>X-Forwarded-For</c>, <c>-Proto</c>).
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> turns the headers on and, by ASP.NET Core's design,
/// clears the loopback-only default so that any peer is believed: right when only the proxy can reach
/// the port (compose's private network), wrong anywhere else. <c>ForwardedHeaders:KnownProxies</c>
/// (addresses) and <c>ForwardedHeaders:KnownNetworks</c> (CIDR ranges) narrow that back to the proxy.
/// </summary>
public static class ForwardedHeadersTrust
{
    public const string Section = "ForwardedHeaders";

    public static void Configure(WebApplicationBuilder builder)
    {
        var proxies = new List<IPAddress>();
        foreach (var (key, text) in Entries(builder.Configuration, "KnownProxies"))
        {
            proxies.Add(IPAddress.TryParse(text, out var address) ? address : throw new ConfigurationException($"{key} is not an IP address: '{text}'."));
        }

        var networks = new List<System.Net.IPNetwork>();
        foreach (var (key, text) in Entries(builder.Configuration, "KnownNetworks"))
        {
            networks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new ConfigurationException($"{key} is not a network such as 10.0.0.0/8: '{text}'."));
        }

        if (proxies.Count == 0 && networks.Count == 0)
        {
            return;
        }

        if (!string.Equals(builder.Configuration["FORWARDEDHEADERS_ENABLED"], "true", StringComparison.OrdinalIgnoreCase))
        {
            throw new ConfigurationException(
                $"{Section}:KnownProxies and {Section}:KnownNetworks take effect only with ASPNETCORE_FORWARDEDHEADERS_ENABLED=true.");
        }

        builder.Services.PostConfigure<ForwardedHeadersOptions>(options =>
        {
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(proxy);
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }
        });
    }

    private static IEnumerable<(string Key, string Value)> Entries(IConfiguration configuration, string name) =>
        configuration.GetSection(Section).GetSection(name).GetChildren().Select(entry => ($"{Section}:{name}:{entry.Key}", entry.Value ?? ""));
}
