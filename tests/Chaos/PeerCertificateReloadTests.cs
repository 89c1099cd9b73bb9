using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Citadel.Tests.Chaos.Infrastructure;

namespace Citadel.Tests.Chaos;

/// <summary>
/// The peer port reloads its certificate like the public ports (<c>tls.cert_ttl</c>): a certificate replaced on disk is
/// presented to the next peer connection, and the cluster keeps working across the change.
/// </summary>
public sealed class PeerCertificateReloadTests
{
    [Fact]
    public async Task ARenewedPeerCertificate_IsPresentedToNewConnections_AndTheClusterKeepsWorking()
    {
        await using var cluster = await TestCluster.StartAsync(2, new Dictionary<string, string> { ["QDRANT__TLS__CERT_TTL"] = "1" });
        var peer = cluster.Peers[0];
        using var client = cluster.Certificates.Client("operator.peers.citadel.test");
        var before = await PresentedAsync(peer, cluster.Certificates, client);

        var (_, _, renewed) = cluster.Certificates.WriteServer(peer.Name, $"{peer.Name}.peers.citadel.test");
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var after = await PresentedAsync(peer, cluster.Certificates, client);

        Assert.NotEqual(before, after);
        Assert.Equal(renewed.Thumbprint, after);

        // Links opened after the renewal verify it too: a metadata change still reaches both peers.
        using (var _ = await cluster.Peers[1].SendJsonAsync(HttpMethod.Put, "/collections/after_renewal", """{"vectors": {"size": 2, "distance": "Dot"}}""")) { }
        using var exists = await peer.GetJsonAsync("/collections/after_renewal/exists");
        Assert.True(exists.RootElement.GetProperty("result").GetProperty("exists").GetBoolean());
    }

    /// <summary>The thumbprint of the certificate the peer port presents to a new TLS connection.</summary>
    private static async Task<string> PresentedAsync(ClusterPeer peer, Integration.Infrastructure.TestCertificates certificates, X509Certificate2 client)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", peer.P2pPort);
        await using var ssl = new SslStream(tcp.GetStream());
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "127.0.0.1",
            ClientCertificates = [client],
            RemoteCertificateValidationCallback = (_, server, _, _) => certificates.TrustedByCa(server as X509Certificate2),
            ApplicationProtocols = [SslApplicationProtocol.Http2],
        });
        return new X509Certificate2(ssl.RemoteCertificate!).Thumbprint;
    }
}
