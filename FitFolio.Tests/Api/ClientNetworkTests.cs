using System.Net;
using FitFolio.Api.Auth;

namespace FitFolio.Tests.Api;

/// <summary>What a per-client limit counts: an IPv4 address, or an IPv6 network of the configured prefix.</summary>
public sealed class ClientNetworkTests
{
    [Theory]
    [InlineData("203.0.113.9", 64, "203.0.113.9")]
    [InlineData("::ffff:203.0.113.9", 64, "203.0.113.9")]
    [InlineData("2001:db8:1:2::1", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 64, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2ff::1", 56, "2001:db8:1:200::/56")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", 128, "2001:db8:1:2:aaaa:bbbb:cccc:dddd/128")]
    [InlineData("fe80::1%3", 64, "fe80::/64")]
    public void An_address_is_counted_as_its_client(string address, int prefix, string key) =>
        Assert.Equal(key, ClientNetwork.KeyOf(IPAddress.Parse(address), prefix));

    [Fact]
    public void A_request_without_an_address_is_one_client() => Assert.Equal("unknown", ClientNetwork.KeyOf(null, 64));
}
