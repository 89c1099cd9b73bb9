using System.Net;
using System.Net.Security;
using System.Net.Sockets;

namespace Citadel.Consensus.Peers;

/// <summary>
/// Opens connections to other peers' peer port: TCP, then TLS with this node's certificate when peer TLS is on. The
/// TLS options are asked for per connection, so a reloaded certificate is used from the next connection on; they
/// also verify the server against the CA and the peer allow-list. Raft and internal gRPC both connect through here.
/// </summary>
public sealed class PeerConnector(Func<string, SslClientAuthenticationOptions>? tls, TimeSpan connectTimeout)
{
    /// <summary>True when peer links use TLS (peer URIs are <c>https://</c>).</summary>
    public bool UsesTls => tls is not null;

    /// <summary>Connect plus TLS handshake budget.</summary>
    public TimeSpan ConnectTimeout => connectTimeout;

    /// <summary>Opens a stream to <paramref name="target"/>; <paramref name="alpn"/> is offered in the TLS handshake.</summary>
    public async Task<Stream> ConnectAsync(DnsEndPoint target, SslApplicationProtocol? alpn, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(connectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        try
        {
            await socket.ConnectAsync(target.Host, target.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        if (tls is null)
        {
            return stream;
        }

        var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            var options = tls(target.Host);
            if (alpn is { } protocol)
            {
                options.ApplicationProtocols = [protocol];
            }

            await ssl.AuthenticateAsClientAsync(options, timeout.Token).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
