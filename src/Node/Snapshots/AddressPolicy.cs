using System.Net;
using System.Net.Sockets;

namespace Citadel.Node.Snapshots;

/// <summary>
/// Which addresses recover-from-URL may connect to: public unicast addresses, plus the networks the operator allowed
/// (<c>storage.snapshots_config.url_recovery_allowed_networks</c>). Loopback, private, shared (CGNAT), link-local
/// (cloud metadata at 169.254.169.254), multicast, reserved and unspecified addresses are refused, IPv4 ones also
/// when written as IPv4-mapped or NAT64 IPv6 addresses.
/// </summary>
internal sealed class AddressPolicy
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("192.168.0.0/16"), IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("198.51.100.0/24"), IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/96"), IPNetwork.Parse("64:ff9b::/96"), IPNetwork.Parse("64:ff9b:1::/48"), IPNetwork.Parse("100::/64"),
        IPNetwork.Parse("2001:db8::/32"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("fec0::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    private readonly IPNetwork[] _allowed;

    public AddressPolicy(IEnumerable<string> allowedNetworks)
    {
        _allowed = allowedNetworks
            .Select(n => IPNetwork.TryParse(n, out var network) ? network : new IPNetwork(IPAddress.Parse(n), IPAddress.Parse(n).AddressFamily == AddressFamily.InterNetwork ? 32 : 128))
            .ToArray();
    }

    /// <summary>True when a connection to <paramref name="address"/> is allowed.</summary>
    public bool Permits(IPAddress address)
    {
        var normalized = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(n => n.Contains(normalized)))
        {
            return true;
        }

        return !Internal.Any(n => n.Contains(normalized));
    }
}
