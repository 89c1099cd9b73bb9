using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using Citadel.Consensus.Membership;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Citadel.Consensus.Peers;

/// <summary>
/// One gRPC channel per peer URI for internal calls on the peer port. Connections go through
/// <see cref="PeerConnector"/> (TLS and peer verification there), and HTTP/2 runs over them with ALPN <c>h2</c>;
/// the channel itself is addressed as <c>http://</c> so that the handler does not wrap TLS a second time.
/// Outgoing calls carry the node's admin key when it has one (peers without TLS require it).
/// </summary>
public sealed class PeerChannels(PeerConnector connector, string? apiKey) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The call invoker for the peer at <paramref name="peerUri"/>.</summary>
    public CallInvoker For(string peerUri)
    {
        var channel = _channels.GetOrAdd(peerUri, Create);
        return apiKey is null ? channel.CreateCallInvoker() : channel.Intercept(m =>
        {
            m.Add("api-key", apiKey);
            return m;
        });
    }

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }

        _channels.Clear();
    }

    private GrpcChannel Create(string peerUri)
    {
        var target = PeerEndPoints.FromUri(new Uri(peerUri));
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connector.ConnectTimeout,
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(30),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = (_, ct) => new ValueTask<Stream>(connector.ConnectAsync(target, SslApplicationProtocol.Http2, ct)),
        };
        return GrpcChannel.ForAddress(
            new UriBuilder(Uri.UriSchemeHttp, target.Host, target.Port).Uri,
            new GrpcChannelOptions
            {
                HttpHandler = handler,
                MaxReceiveMessageSize = null,
                MaxSendMessageSize = null,
            });
    }
}
