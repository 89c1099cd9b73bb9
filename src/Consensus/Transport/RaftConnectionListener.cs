using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;

namespace Citadel.Consensus.Transport;

/// <summary>
/// The server side of DotNext's custom transport. It does not own a socket: the node's peer server (Kestrel on the
/// shared peer port, after TLS and the peer allow-list) hands over every connection that starts with the Raft
/// preamble through <see cref="Offer"/>.
/// </summary>
public sealed class RaftConnectionListener : IConnectionListenerFactory, IConnectionListener
{
    private readonly Channel<ConnectionContext> _incoming = Channel.CreateBounded<ConnectionContext>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });

    public EndPoint EndPoint { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    /// <summary>Hands an accepted Raft connection to DotNext; completes when DotNext has closed it.</summary>
    public async Task Offer(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var handed = new HandedOverConnection(connection);
        await _incoming.Writer.WriteAsync(handed, cancellationToken).ConfigureAwait(false);
        await handed.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        EndPoint = endpoint;
        return ValueTask.FromResult<IConnectionListener>(this);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _incoming.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
