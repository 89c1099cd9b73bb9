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
    private readonly Channel<HandedOverConnection> _incoming = Channel.CreateBounded<HandedOverConnection>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.Wait });

    public EndPoint EndPoint { get; private set; } = new IPEndPoint(IPAddress.None, 0);

    /// <summary>
    /// Hands an accepted Raft connection to DotNext; completes when DotNext has closed it, or when the connection
    /// closed first (for instance while DotNext was still starting and the peer gave up waiting).
    /// </summary>
    public async Task Offer(ConnectionContext connection, CancellationToken cancellationToken)
    {
        var handed = new HandedOverConnection(connection);
        try
        {
            await _incoming.Writer.WriteAsync(handed, cancellationToken).ConfigureAwait(false);
            await handed.Finished.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            // Closed by the peer, or Raft is stopping: nothing to hand over any more.
        }
        finally
        {
            handed.Withdraw();
        }
    }

    public ValueTask<IConnectionListener> BindAsync(EndPoint endpoint, CancellationToken cancellationToken = default)
    {
        EndPoint = endpoint;
        return ValueTask.FromResult<IConnectionListener>(this);
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            HandedOverConnection connection;
            try
            {
                connection = await _incoming.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ChannelClosedException)
            {
                return null;
            }

            // DotNext's accept loop ends for good on any exception, and it touches the output pipe right after
            // accepting: a connection that closed while queued must never reach it.
            if (!connection.Withdrawn && !connection.ConnectionClosed.IsCancellationRequested && IsWritable(connection))
            {
                return connection;
            }
        }
    }

    private static bool IsWritable(ConnectionContext connection)
    {
        try
        {
            _ = connection.Transport.Output.GetSpan();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
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
