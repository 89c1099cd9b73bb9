using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Citadel.Tests.Integration.Infrastructure;

/// <summary>
/// Real X.509 material generated per test run: a CA, server and client certificates it signs, and a rogue CA with
/// its own client certificate. Written as PEM files the node reads like any operator's files.
/// </summary>
internal sealed class TestCertificates : IDisposable
{
    private TestCertificates(string directory, X509Certificate2 ca, X509Certificate2 rogueCa)
    {
        Directory = directory;
        Ca = ca;
        RogueCa = rogueCa;
    }

    public string Directory { get; }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 RogueCa { get; }

    public string CaPath => Path.Combine(Directory, "cacert.pem");

    public static TestCertificates Create(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var ca = NewCa("Citadel Test CA");
        var rogue = NewCa("Rogue CA");
        var certs = new TestCertificates(directory, ca, rogue);
        File.WriteAllText(certs.CaPath, ca.ExportCertificatePem());
        certs.WriteServer("server", "localhost");
        return certs;
    }

    /// <summary>Writes <c>{name}.pem</c>/<c>{name}.key</c>: a server (and client) certificate for <paramref name="dnsName"/> and 127.0.0.1.</summary>
    public (string Cert, string Key, X509Certificate2 Certificate) WriteServer(string name, string dnsName) =>
        Write(name, Issue(Ca, dnsName, server: true));

    /// <summary>A client certificate signed by the test CA (or by the rogue CA).</summary>
    public X509Certificate2 Client(string subject, bool rogue = false) => Issue(rogue ? RogueCa : Ca, subject, server: false);

    public (string Cert, string Key, X509Certificate2 Certificate) Write(string name, X509Certificate2 certificate)
    {
        var cert = Path.Combine(Directory, name + ".pem");
        var key = Path.Combine(Directory, name + ".key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        return (cert, key, certificate);
    }

    /// <summary>True when <paramref name="presented"/> chains to the test CA.</summary>
    public bool TrustedByCa(X509Certificate2? presented)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    public void Dispose()
    {
        Ca.Dispose();
        RogueCa.Dispose();
    }

    private static X509Certificate2 NewCa(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Issue(X509Certificate2 issuer, string name, bool server)
    {
        var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        if (server)
        {
            san.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            server ? [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")] : [new Oid("1.3.6.1.5.5.7.3.2")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var signed = request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30), serial);
        return signed.CopyWithPrivateKey(key);
    }
}
