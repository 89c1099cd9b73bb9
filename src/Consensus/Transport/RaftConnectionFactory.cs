using System.Net;
using Citadel.Consensus.Peers;
using Microsoft.AspNetCore.Connections;

namespace Citadel.Consensus.Transport;

/// <summary>
/// Opens Raft connections to peers over the shared peer port: a peer connection (TCP, TLS when on), then the Raft
/// preamble so that the other side hands the connection to its Raft member instead of its gRPC server.
/// </summary>
public sealed class RaftConnectionFactory(PeerConnector connector) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var target = endpoint as DnsEndPoint ?? Membership.MemberStorage.Parse(Membership.MemberStorage.Format(endpoint));
        var stream = await connector.ConnectAsync(target, alpn: null, cancellationToken).ConfigureAwait(false);
        try
        {
            await stream.WriteAsync(RaftPreamble.Bytes.ToArray(), cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return new StreamConnection(stream, endpoint);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
