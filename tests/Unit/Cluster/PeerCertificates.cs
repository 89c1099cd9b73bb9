using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Tests.Unit.Cluster;

/// <summary>Real X.509 certificates for the peer TLS tests: a CA, a rogue CA, an intermediate and the leaves they sign.</summary>
public sealed class PeerCertificates : IDisposable
{
    public static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    public static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    public PeerCertificates()
    {
        Ca = NewCa("Citadel Test CA");
        RogueCa = NewCa("Rogue CA");
        Intermediate = Issue(Ca, "CN=Citadel Intermediate", ca: true, notAfter: DateTimeOffset.UtcNow.AddDays(180));
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 RogueCa { get; }

    public X509Certificate2 Intermediate { get; }

    public X509Certificate2Collection Trusted => [Ca];

    /// <summary>A leaf certificate for peer links (server and client use) naming <paramref name="dns"/> and <paramref name="ips"/>.</summary>
    public X509Certificate2 Peer(string subject, string[]? dns = null, string[]? ips = null, X509Certificate2? issuer = null, Oid[]? usages = null, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        Issue(issuer ?? Ca, subject, ca: false, dns, ips, usages ?? [ServerAuth, ClientAuth], notBefore, notAfter);

    public void Dispose()
    {
        Ca.Dispose();
        RogueCa.Dispose();
        Intermediate.Dispose();
    }

    private static X509Certificate2 NewCa(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(
        X509Certificate2 issuer,
        string subject,
        bool ca,
        string[]? dns = null,
        string[]? ips = null,
        Oid[]? usages = null,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        if ((dns?.Length ?? 0) + (ips?.Length ?? 0) > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var name in dns ?? [])
            {
                san.AddDnsName(name);
            }

            foreach (var ip in ips ?? [])
            {
                san.AddIpAddress(IPAddress.Parse(ip));
            }

            request.CertificateExtensions.Add(san.Build());
        }

        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(issuer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        if (ca)
        {
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        }
        else
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([.. usages ?? []], false));
        }

        var from = notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-5);
        var to = notAfter ?? DateTimeOffset.UtcNow.AddDays(30);
        var signed = request.Create(issuer, from, to, RandomNumberGenerator.GetBytes(12));
        if (!ca)
        {
            // Validation needs only the public certificate.
            return signed;
        }

        using (signed)
        {
            return signed.CopyWithPrivateKey(key);
        }
    }
}
