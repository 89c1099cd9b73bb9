using System.Net;

namespace Citadel.Consensus.Membership;

/// <summary>Converts between peer URIs (<c>https://node1:6335</c>) and the Raft member endpoints derived from them.</summary>
public static class PeerEndPoints
{
    /// <summary>The member endpoint of a peer URI: its host and port, case-normalised.</summary>
    public static DnsEndPoint FromUri(Uri uri) => new(uri.IdnHost.ToLowerInvariant().Trim('[', ']'), uri.Port);

    /// <summary>Compares endpoints by host (case-insensitive) and port, whatever their concrete type.</summary>
    public static IEqualityComparer<EndPoint> Comparer { get; } = new HostPortComparer();

    private sealed class HostPortComparer : IEqualityComparer<EndPoint>
    {
        public bool Equals(EndPoint? x, EndPoint? y) =>
            x is not null && y is not null && string.Equals(MemberStorage.Format(x), MemberStorage.Format(y), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(EndPoint obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(MemberStorage.Format(obj));
    }
}
