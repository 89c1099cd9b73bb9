using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Citadel.Auth.Tls;
using Citadel.Node.Configuration;
using Citadel.Node.Hosting;

namespace Citadel.Node.Cluster;

/// <summary>
/// Mutual TLS on the peer port (<c>cluster.p2p.enable_tls</c>): this node serves and presents <c>tls.cert</c>, and
/// accepts only certificates that chain to <c>tls.ca_cert</c> and name a peer on <c>cluster.p2p.allowed_identities</c>,
/// in both directions. The certificate reloads after <c>tls.cert_ttl</c> like the public one.
/// </summary>
internal sealed class PeerTls : IDisposable
{
    private static readonly List<SslApplicationProtocol> Protocols = [SslApplicationProtocol.Http2];
    private readonly X509Certificate2Collection _cas;

    private PeerTls(ServerTls server, X509Certificate2Collection cas, PeerIdentityPolicy identities)
    {
        Server = server;
        _cas = cas;
        Identities = identities;
        ServerValidator = new PeerCertificateValidator(cas, clientAuthentication: false, identities);
    }

    /// <summary>The server side: certificate, and client verification (CA and allow-list).</summary>
    public ServerTls Server { get; }

    /// <summary>Who may talk on the peer port.</summary>
    public PeerIdentityPolicy Identities { get; }

    private PeerCertificateValidator ServerValidator { get; }

    /// <summary>The peer TLS material, or null when peer TLS is off. Fails start-up naming the key when unusable.</summary>
    public static PeerTls? Create(NodeSettings settings, ILogger log)
    {
        var p2p = settings.Cluster.P2p;
        if (!p2p.EnableTls)
        {
            return null;
        }

        var tls = settings.Tls ?? throw new ConfigurationException("Invalid configuration: `cluster.p2p.enable_tls` is true but the `tls` section is missing", "tls", null);
        var caPath = tls.CaCert ?? throw new ConfigurationException("Invalid configuration: `cluster.p2p.enable_tls` needs `tls.ca_cert` to verify peers", "tls.ca_cert", null);
        if (p2p.AllowedIdentities.Count == 0)
        {
            throw new ConfigurationException(
                "Invalid configuration: `cluster.p2p.allowed_identities` must list the certificate identities (DNS names, `*.suffix`, or `*` for any certificate signed by `tls.ca_cert`) of the peers allowed on the peer port when `cluster.p2p.enable_tls` is true",
                "cluster.p2p.allowed_identities",
                null);
        }

        PeerIdentityPolicy identities;
        try
        {
            identities = new PeerIdentityPolicy(p2p.AllowedIdentities);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"Invalid configuration: `cluster.p2p.allowed_identities`: {e.Message}", "cluster.p2p.allowed_identities", null);
        }

        var cas = NodeTls.Load(() => CertificateFiles.LoadBundle(caPath), "tls.ca_cert", caPath);
        var ttl = tls.CertTtlSec is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        var server = NodeTls.Load(
            () => new ServerTls(tls.Cert, tls.Key, ttl, new PeerCertificateValidator(cas, clientAuthentication: true, identities), TimeProvider.System, e => TlsLog.ReloadFailed(log, tls.Cert, e)),
            "tls.cert",
            tls.Cert);
        return new PeerTls(server, cas, identities);
    }

    /// <summary>Options for one inbound handshake on the peer port.</summary>
    public SslServerAuthenticationOptions ServerOptions() => Server.OptionsFor(Protocols);

    /// <summary>Options for one outbound connection to the peer at <paramref name="host"/>.</summary>
    public SslClientAuthenticationOptions ClientOptions(string host) => new()
    {
        TargetHost = host,
        ClientCertificateContext = Server.ClientContext,
        EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
        RemoteCertificateValidationCallback = ServerValidator.Callback,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
    };

    public void Dispose()
    {
        Server.Dispose();
        foreach (var ca in _cas)
        {
            ca.Dispose();
        }
    }
}
