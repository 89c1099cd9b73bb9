using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Auth.Tls;

/// <summary>
/// Verifies a certificate presented by the other side against our own CA bundle only (not the system store):
/// the chain must end in one of the configured CAs, be within its validity period, and allow the expected use
/// (client or server authentication). With an identity policy (peer links), the certificate must also name an
/// allowed peer, and a server must match the host name we dialled.
/// </summary>
public sealed class PeerCertificateValidator(X509Certificate2Collection trustedCas, bool clientAuthentication, PeerIdentityPolicy? identities = null)
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");

    /// <summary>True when <paramref name="certificate"/> chains to a trusted CA (and names an allowed peer).</summary>
    public bool IsTrusted(X509Certificate2 certificate, X509Certificate2Collection? extraChain = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trustedCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(clientAuthentication ? ClientAuth : ServerAuth);
        if (extraChain is not null)
        {
            chain.ChainPolicy.ExtraStore.AddRange(extraChain);
        }

        return chain.Build(certificate) && (identities is null || identities.Allows(certificate));
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/> for SslStream.</summary>
    public bool Callback(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        // Checking a server: its certificate must be for the host we asked for, whatever else it proves.
        if (!clientAuthentication && errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }

        using var presented = new X509Certificate2(certificate);
        var extra = new X509Certificate2Collection();
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                extra.Add(element.Certificate);
            }
        }

        return IsTrusted(presented, extra);
    }
}
