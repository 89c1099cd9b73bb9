using System.Buffers;
using System.IO.Pipelines;
using Citadel.Consensus.Transport;
using Microsoft.AspNetCore.Connections;

namespace Citadel.Node.Cluster.Peer;

/// <summary>
/// One peer port for everything: after TLS (and the peer allow-list) a connection that opens with the Raft preamble
/// is handed to DotNext's Raft transport; any other connection continues as HTTP/2 to the internal gRPC services.
/// A connection that sends nothing recognisable within the timeout is dropped, so idle sockets cannot pile up.
/// </summary>
internal static partial class PeerPortMultiplexer
{
    private static readonly TimeSpan FirstBytesTimeout = TimeSpan.FromSeconds(10);

    public static Func<ConnectionDelegate, ConnectionDelegate> For(RaftConnectionListener raft, ILogger log) => next => async connection =>
    {
        var input = connection.Transport.Input;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        timeout.CancelAfter(FirstBytesTimeout);
        long examined = 0;
        while (true)
        {
            ReadResult read;
            try
            {
                read = await input.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                LogSilent(log, connection.RemoteEndPoint);

                connection.Abort();
                return;
            }

            var buffer = read.Buffer;
            if (buffer.Length >= RaftPreamble.Length || read.IsCompleted)
            {
                if (IsRaft(buffer))
                {
                    input.AdvanceTo(buffer.GetPosition(RaftPreamble.Length));
                    await raft.Offer(connection, connection.ConnectionClosed);
                    return;
                }

                // Not Raft: give every byte back to HTTP/2. The examined mark may not move backwards, but bytes past
                // it are unexamined, so HTTP/2's first read returns at once.
                input.AdvanceTo(buffer.Start, buffer.GetPosition(examined));
                break;
            }

            examined = buffer.Length;
            input.AdvanceTo(buffer.Start, buffer.End);
        }

        await next(connection);
    };

    private static bool IsRaft(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < RaftPreamble.Length)
        {
            return false;
        }

        Span<byte> first = stackalloc byte[RaftPreamble.Length];
        buffer.Slice(0, RaftPreamble.Length).CopyTo(first);
        return first.SequenceEqual(RaftPreamble.Bytes);
    }

    [LoggerMessage(EventId = 650, Level = LogLevel.Debug, Message = "Peer port: {Remote} sent nothing recognisable in time; closed")]
    private static partial void LogSilent(ILogger logger, System.Net.EndPoint? remote);
}
