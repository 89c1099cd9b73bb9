using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Auth.Tls;

/// <summary>
/// Which certificate identities may talk on the peer port (<c>cluster.p2p.allowed_identities</c>). mTLS alone only
/// proves "signed by our CA"; this narrows it to named peers. An identity is a DNS name or IP address from the
/// subjectAltName, or the subject CN. Patterns: an exact name (case-insensitive), <c>*.suffix</c> (exactly one more
/// leftmost label), or <c>*</c> (any certificate the CA signed).
/// </summary>
public sealed class PeerIdentityPolicy
{
    private readonly string[] _patterns;

    public PeerIdentityPolicy(IEnumerable<string> patterns)
    {
        // Only `*` itself means any peer: a pattern such as `*.` must not become `*` when its trailing dot is dropped.
        _patterns = [.. patterns.Select(p => p.Trim()).Select(p => p.Length > 1 && p.TrimEnd('.') == "*" ? p : p.TrimEnd('.'))];
        foreach (var p in _patterns)
        {
            if (p.Length == 0 || (p.Contains('*', StringComparison.Ordinal) && p != "*" && (!p.StartsWith("*.", StringComparison.Ordinal) || p.IndexOf('*', 1) >= 0 || p.Length < 3 || p[2] == '.')))
            {
                throw new ArgumentException($"`{p}` is not a peer identity: use a host name, an IP address, `*.suffix` or `*`", nameof(patterns));
            }
        }
    }

    /// <summary>True when no pattern is configured (nothing is allowed).</summary>
    public bool IsEmpty => _patterns.Length == 0;

    /// <summary>The identities a certificate claims: DNS and IP subjectAltNames, then the subject CN.</summary>
    public static IReadOnlyList<string> IdentitiesOf(X509Certificate2 certificate)
    {
        var names = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectAlternativeNameExtension san)
            {
                names.AddRange(san.EnumerateDnsNames());
                names.AddRange(san.EnumerateIPAddresses().Select(ip => ip.ToString()));
            }
        }

        var cn = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!string.IsNullOrEmpty(cn))
        {
            names.Add(cn);
        }

        return names;
    }

    /// <summary>True when one of the certificate's identities matches a pattern.</summary>
    public bool Allows(X509Certificate2 certificate) => IdentitiesOf(certificate).Any(Matches);

    /// <summary>True when <paramref name="identity"/> matches a pattern.</summary>
    public bool Matches(string identity)
    {
        var name = identity.TrimEnd('.');
        if (name.Length == 0 || name.Contains('*', StringComparison.Ordinal))
        {
            // A wildcard certificate name never satisfies an allow-list: it would stand for peers nobody named.
            return false;
        }

        foreach (var pattern in _patterns)
        {
            if (pattern == "*" || string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (pattern.StartsWith("*.", StringComparison.Ordinal) && !IPAddress.TryParse(name, out _))
            {
                var suffix = pattern[1..];
                var dot = name.IndexOf('.', StringComparison.Ordinal);
                if (dot > 0 && string.Equals(name[dot..], suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
