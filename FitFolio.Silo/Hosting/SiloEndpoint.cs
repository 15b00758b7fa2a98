using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace FitFolio.Silo.Hosting;

/// <summary>Where this silo listens, and the address it tells the cluster.</summary>
internal sealed record SiloEndpoint(IPEndPoint Listen, IPAddress Advertised)
{
    public static SiloEndpoint From(SiloOptions options)
    {
        var listen = IPAddress.Parse(options.ListenAddress);
        var port = options.Port == 0 ? FreePort(listen) : options.Port;
        return new SiloEndpoint(new IPEndPoint(listen, port), Advertise(options, listen));
    }

    // Orleans advertises the port it was given, so "any free port" is resolved here, before it binds.
    private static int FreePort(IPAddress listen)
    {
        using var probe = new TcpListener(listen, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static IPAddress Advertise(SiloOptions options, IPAddress listen)
    {
        if (!string.IsNullOrWhiteSpace(options.AdvertisedHost))
        {
            return IPAddress.TryParse(options.AdvertisedHost, out var given)
                ? given
                : Dns.GetHostAddresses(options.AdvertisedHost).First(a => a.AddressFamily == AddressFamily.InterNetwork);
        }

        if (IPAddress.IsLoopback(listen))
        {
            return IPAddress.Loopback;
        }

        if (!listen.Equals(IPAddress.Any))
        {
            return listen;
        }

        return NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? IPAddress.Loopback;
    }
}
