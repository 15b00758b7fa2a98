using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace FitFolio.Silo.Hosting;

/// <summary>Where this silo listens, and the address it tells the cluster.</summary>
internal sealed record SiloEndpoint(IPEndPoint Listen, IPAddress Advertised)
{
    public static SiloEndpoint From(SiloOptions options)
    {
        var listen = string.IsNullOrWhiteSpace(options.ListenNetwork)
            ? IPAddress.Parse(options.ListenAddress)
            : AddressIn(IPNetwork.Parse(options.ListenNetwork), LocalAddresses());
        var port = options.Port == 0 ? FreePort(listen) : options.Port;
        return new SiloEndpoint(new IPEndPoint(listen, port), Advertise(options, listen));
    }

    // Below every platform's default range for outgoing connections (Linux 32768-60999, Windows 49152-65535).
    private const int FirstPort = 10_000;
    private const int LastPort = 32_767;

    // Orleans advertises the port it was given, so "any free port" is resolved here, before it binds. Not the kernel's
    // own pick (port 0): that comes from the range outgoing connections use, and between this probe and Orleans' bind
    // any outgoing connection on the machine may take it (seen as "Address already in use" on a busy test machine).
    private static int FreePort(IPAddress listen)
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(FirstPort, LastPort + 1);
            try
            {
                using var probe = new TcpListener(listen, port);
                probe.Start();
                return port;
            }
            catch (SocketException) when (attempt < 100)
            {
                // Taken: try another.
            }
        }
    }

    /// <summary>The one address of <paramref name="addresses"/> inside <paramref name="network"/>: where the silo port belongs.</summary>
    internal static IPAddress AddressIn(IPNetwork network, IEnumerable<IPAddress> addresses)
    {
        var inside = addresses.Where(network.Contains).Distinct().ToList();
        return inside.Count == 1
            ? inside[0]
            : throw new InvalidOperationException(
                $"Silo:ListenNetwork {network}: this machine has {inside.Count} addresses in it ({string.Join(", ", inside)}); "
                + "the silo port needs exactly one.");
    }

    private static IEnumerable<IPAddress> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus != OperationalStatus.Down)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address);

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
