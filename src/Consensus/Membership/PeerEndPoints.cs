using System.Net;

namespace Citadel.Consensus.Membership;

/// <summary>Converts between peer URIs (<c>https://node1:6335</c>) and the Raft member endpoints derived from them.</summary>
public static class PeerEndPoints
{
    /// <summary>The member endpoint of a peer URI: its host and port, case-normalised.</summary>
    public static DnsEndPoint FromUri(Uri uri) => new(uri.IdnHost.ToLowerInvariant().Trim('[', ']'), uri.Port);

    /// <summary>
    /// The canonical text of a peer URI as it is stored and shown (<c>https://node1:6335/</c>): scheme, lower-case host
    /// and explicit port; Qdrant shows peer URIs normalised the same way, with the trailing slash.
    /// </summary>
    public static string Canonical(Uri uri) => new UriBuilder(uri.Scheme, uri.IdnHost.ToLowerInvariant(), uri.Port).Uri.ToString();

    /// <summary>
    /// Parses a peer URI from untrusted input: absolute <c>http</c> or <c>https</c> with a host, an explicit or default
    /// port, and nothing else (no path, query, fragment or credentials). Null when it is not one.
    /// </summary>
    public static Uri? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 512 || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var valid = (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && uri.Host.Length > 0
            && uri.Port > 0
            && uri.UserInfo.Length == 0
            && uri.AbsolutePath == "/"
            && uri.Query.Length == 0
            && uri.Fragment.Length == 0;
        return valid ? uri : null;
    }

    /// <summary><c>host:port</c> of a member endpoint.</summary>
    public static string Format(EndPoint endpoint) => MemberStorage.Format(endpoint);

    /// <summary>Compares endpoints by host (case-insensitive) and port, whatever their concrete type.</summary>
    public static IEqualityComparer<EndPoint> Comparer { get; } = new HostPortComparer();

    private sealed class HostPortComparer : IEqualityComparer<EndPoint>
    {
        public bool Equals(EndPoint? x, EndPoint? y) =>
            x is not null && y is not null && string.Equals(MemberStorage.Format(x), MemberStorage.Format(y), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(EndPoint obj) => StringComparer.OrdinalIgnoreCase.GetHashCode(MemberStorage.Format(obj));
    }
}
