using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Citadel.Consensus.Transport;

/// <summary>
/// Opens Raft connections to peers over the shared peer port: TCP, then TLS with this node's certificate when peer
/// TLS is on (the options also verify the server against the CA and the peer allow-list), then the Raft preamble.
/// </summary>
public sealed class RaftConnectionFactory(Func<DnsEndPoint, SslClientAuthenticationOptions>? tls) : IConnectionFactory
{
    public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        var target = endpoint as DnsEndPoint ?? Membership.MemberStorage.Parse(Membership.MemberStorage.Format(endpoint));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, cancellationToken).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        try
        {
            if (tls is not null)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(tls(target), cancellationToken).ConfigureAwait(false);
            }

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
