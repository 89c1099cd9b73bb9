namespace Citadel.Node.Configuration;

/// <summary>The <c>tls</c> section: certificate files used by REST, gRPC and peer connections.</summary>
public sealed record TlsSettings
{
    /// <summary>Absolute path of the server certificate chain (PEM).</summary>
    public string Cert { get; init; } = "./tls/cert.pem";

    /// <summary>Absolute path of the server private key (PEM).</summary>
    public string Key { get; init; } = "./tls/key.pem";

    /// <summary>Absolute path of the CA certificate; needed for p2p TLS and client-certificate checks.</summary>
    public string? CaCert { get; init; } = "./tls/cacert.pem";

    /// <summary>Seconds between certificate reloads; null disables reloading (0 in the file means the same).</summary>
    public int? CertTtlSec { get; init; } = 3600;
}
