using System.Net;
using System.Net.Sockets;
using FitFolio.Silo;
using FitFolio.Silo.Hosting;

namespace FitFolio.Tests.Runtime;

public sealed class SiloEndpointTests
{
    [Fact]
    public void Any_free_port_is_taken_below_the_range_outgoing_connections_use_and_can_be_bound()
    {
        // The kernel's own pick (port 0) comes from the outgoing range, where any connection made between the probe and
        // Orleans' bind may take it: a test host once failed to start with "Address already in use" that way.
        var ports = Enumerable.Range(0, 50).Select(_ => SiloEndpoint.From(new SiloOptions { Port = 0, ListenAddress = "127.0.0.1" }).Listen.Port).ToList();

        Assert.All(ports, port => Assert.InRange(port, 10_000, 32_767));
        Assert.True(ports.Distinct().Count() > 1, "every pick was the same port");
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }

    [Fact]
    public void A_configured_port_is_kept()
    {
        Assert.Equal(11_111, SiloEndpoint.From(new SiloOptions { Port = 11_111, ListenAddress = "127.0.0.1" }).Listen.Port);
    }

    [Fact]
    public void A_listen_network_picks_the_one_address_inside_it_so_the_port_is_not_opened_on_the_others()
    {
        // A compose replica: one address on the proxy's network, one on the private one; the silo port belongs on the private one only.
        IPAddress[] addresses = [IPAddress.Loopback, IPAddress.Parse("172.18.0.3"), IPAddress.Parse("10.89.0.5")];
        Assert.Equal(IPAddress.Parse("10.89.0.5"), SiloEndpoint.AddressIn(IPNetwork.Parse("10.89.0.0/24"), addresses));

        Assert.Throws<InvalidOperationException>(() => SiloEndpoint.AddressIn(IPNetwork.Parse("10.90.0.0/24"), addresses));
        Assert.Throws<InvalidOperationException>(() => SiloEndpoint.AddressIn(IPNetwork.Parse("0.0.0.0/0"), addresses));
    }

    [Fact]
    public void A_listen_network_replaces_the_listen_address_with_this_machines_address_in_it()
    {
        var endpoint = SiloEndpoint.From(new SiloOptions { Port = 11_111, ListenAddress = "0.0.0.0", ListenNetwork = "127.0.0.0/8" });

        Assert.Equal(IPAddress.Loopback, endpoint.Listen.Address);
        Assert.Equal(IPAddress.Loopback, endpoint.Advertised);
    }
}
