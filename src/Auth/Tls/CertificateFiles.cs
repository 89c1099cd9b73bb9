using System.Security.Cryptography.X509Certificates;

namespace Citadel.Auth.Tls;

/// <summary>Reads PEM files: a certificate chain with its private key (PKCS#1, PKCS#8 or SEC1), and CA bundles.</summary>
public static class CertificateFiles
{
    /// <summary>The leaf certificate (with its key) and the rest of the chain from <paramref name="certPath"/>.</summary>
    public static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) LoadChain(string certPath, string keyPath)
    {
        // CreateFromPemFile pairs the first certificate with the key, whatever the key's PEM flavour.
        var leaf = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certPath);
        var intermediates = new X509Certificate2Collection();
        foreach (var c in all)
        {
            if (c.Thumbprint != leaf.Thumbprint)
            {
                intermediates.Add(c);
            }
            else
            {
                c.Dispose();
            }
        }

        return (leaf, intermediates);
    }

    /// <summary>Every certificate in a PEM bundle (the trusted CAs).</summary>
    public static X509Certificate2Collection LoadBundle(string path)
    {
        var bundle = new X509Certificate2Collection();
        bundle.ImportFromPemFile(path);
        if (bundle.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no PEM certificate");
        }

        return bundle;
    }
}
