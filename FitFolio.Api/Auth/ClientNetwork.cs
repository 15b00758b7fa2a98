using System.Net;
using System.Net.Sockets;

namespace FitFolio.Api.Auth;

/// <summary>
/// The client a per-client limit counts: an IPv4 address (IPv4-mapped IPv6 is unwrapped first), or
/// the IPv6 network of the configured prefix (<see cref="RateLimitOptions.IPv6PrefixLength"/>), so
/// rotating addresses inside one's own /64 buys no fresh budget. The audit log keeps the exact address.
/// </summary>
public static class ClientNetwork
{
    public static string KeyOf(IPAddress? address, int ipv6PrefixLength)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        for (var i = 0; i < bytes.Length; i++)
        {
            var kept = Math.Clamp(ipv6PrefixLength - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - kept));
        }

        return $"{new IPAddress(bytes)}/{ipv6PrefixLength}";
    }
}
