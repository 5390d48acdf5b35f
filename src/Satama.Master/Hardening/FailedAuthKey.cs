using System.Net;
using System.Net.Sockets;

namespace Satama.Master.Hardening;

/// <summary>
/// Which failures count together: one per IPv4 address, one per IPv6 /64 (a single host is
/// commonly given a whole /64, so its addresses are one guesser), an IPv4 client on a dual-stack
/// socket as its IPv4 address.
/// </summary>
internal static class FailedAuthKey
{
    public static string Of(IPAddress? address)
    {
        if (address is null)
        {
            return "";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
