using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Tests.Chaos.Infrastructure;
using Citadel.Tests.Integration.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;

namespace Citadel.Tests.Chaos;

/// <summary>
/// The peer port admits only members: mutual TLS against <c>tls.ca_cert</c> and a certificate identity on
/// <c>cluster.p2p.allowed_identities</c>. Each refusal is checked against the same call with an allowed certificate,
/// so a refusal cannot pass for another reason. Start-up refuses plain peer traffic on a non-loopback address.
/// </summary>
public sealed class PeerPortRefusalTests
{
    [Fact]
    public async Task PeerPort_RefusesPlainTcp_NoClientCertificate_AnotherCa_AndCertificatesNotOnTheAllowList()
    {
        await using var cluster = await TestCluster.StartAsync(1);
        var peer = cluster.Peers[0];
        var certificates = cluster.Certificates;
        using var allowed = certificates.Client("operator.peers.citadel.test");
        using var otherCa = certificates.Client("node9.peers.citadel.test", rogue: true);
        using var notListed = certificates.Client("intruder.elsewhere.test");

        var status = await StatusAsync(peer, certificates, allowed);
        Assert.NotEmpty(status.LeaderUri);

        await AssertRefused(() => PlainStatusAsync(peer));
        await AssertRefused(() => StatusAsync(peer, certificates, client: null));
        await AssertRefused(() => StatusAsync(peer, certificates, otherCa));
        await AssertRefused(() => StatusAsync(peer, certificates, notListed));

        // Even an allowed peer certificate does not open the public API on the peer port without a forwarded decision.
        using var channel = Channel(peer, certificates, allowed);
        var e = await Assert.ThrowsAsync<RpcException>(() => new Citadel.Grpc.Collections.CollectionsClient(channel).ListAsync(new Citadel.Grpc.ListCollectionsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
    }

    [Fact]
    public async Task APeerWithoutTlsOnANonLoopbackAddress_RefusesToStart()
    {
        var env = new Dictionary<string, string>
        {
            ["QDRANT__CLUSTER__ENABLED"] = "true",
            ["QDRANT__SERVICE__HOST"] = "0.0.0.0",
            ["QDRANT__SERVICE__API_KEY"] = TestCluster.AdminKey,
            ["QDRANT_URI"] = "http://10.0.0.1:6335",
        };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => NodeProcess.StartAsync(env: env));
        Assert.Contains("exited with code 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("cluster.p2p.enable_tls", e.Message, StringComparison.Ordinal);
    }

    private static async Task AssertRefused(Func<Task> call)
    {
        // Grpc.Net.Client reports a failed handshake or a closed connection as UNAVAILABLE or INTERNAL.
        var e = await Assert.ThrowsAsync<RpcException>(call);
        Assert.Contains(e.StatusCode, new[] { StatusCode.Unavailable, StatusCode.Internal });
    }

    private static async Task<StatusReply> StatusAsync(ClusterPeer peer, TestCertificates certificates, X509Certificate2? client)
    {
        using var channel = Channel(peer, certificates, client);
        return await new Membership.MembershipClient(channel).StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
    }

    private static async Task<StatusReply> PlainStatusAsync(ClusterPeer peer)
    {
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{peer.P2pPort}");
        return await new Membership.MembershipClient(channel).StatusAsync(new StatusRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
    }

    /// <summary>An HTTPS gRPC channel to the peer port that trusts the test CA and presents <paramref name="client"/>.</summary>
    private static GrpcChannel Channel(ClusterPeer peer, TestCertificates certificates, X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                RemoteCertificateValidationCallback = (_, server, _, _) => certificates.TrustedByCa(server as X509Certificate2),
                ClientCertificates = client is null ? null : new X509CertificateCollection { client },
            },
        };
        return GrpcChannel.ForAddress($"https://127.0.0.1:{peer.P2pPort}", new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }
}
