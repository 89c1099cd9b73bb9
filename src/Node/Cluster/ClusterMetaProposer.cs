using Citadel.Common.Errors;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Consensus.State;
using Citadel.Node.Api;
using Citadel.Storage.Collections;
using Grpc.Core;

namespace Citadel.Node.Cluster;

/// <summary>
/// Collection metadata in a cluster: the operation is replicated through Raft (from any node; followers forward to
/// the leader), every peer applies it to its catalog, and the answer is the one every peer computed. A create is
/// placed on a peer first. Like Qdrant, a create or an alias change also waits until every reachable peer applied it,
/// so the next request sees it on any node.
/// </summary>
internal sealed partial class ClusterMetaProposer(ClusterNode cluster, CollectionManager collections, ILogger<ClusterMetaProposer> logger) : IMetaProposer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PeerWait = TimeSpan.FromSeconds(10);

    public async Task<bool> ProposeAsync(CollectionMetaOperation operation, CancellationToken cancellationToken)
    {
        if (operation is CreateCollectionOperation create)
        {
            var raft = cluster.Raft;
            operation = create with { Owner = Placement.Choose(raft.State, collections.Catalog, id => IsReachable(id), cluster.Self.Id) };
        }

        var command = new ClusterCommand(Guid.NewGuid(), CommandKind.Application, Payload: MetaOperationJson.Encode(operation));
        var (result, index) = await cluster.Proposer.ProposeAsync(command, Timeout, cancellationToken);
        using (var local = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            local.CancelAfter(Timeout);
            await cluster.Raft.WaitForApplyAsync(index, local.Token);
        }

        if (!result.Ok)
        {
            throw new CitadelException(Enum.TryParse<ErrorKind>(result.ErrorKind, out var kind) ? kind : ErrorKind.Internal, result.Message ?? "metadata operation failed");
        }

        if (operation is CreateCollectionOperation or ChangeAliasesOperation)
        {
            await WaitForPeersAsync(index, cancellationToken);
        }

        return result.Value;
    }

    private bool IsReachable(ulong peerId) =>
        peerId == cluster.Self.Id || cluster.UriOf(peerId) is not { } uri || !cluster.Failures.Snapshot().TryGetValue(uri, out var f) || DateTimeOffset.UtcNow - f.LatestErrorTimestamp > TimeSpan.FromSeconds(10);

    /// <summary>Waits (bounded) until the other peers applied <paramref name="index"/>; an unreachable peer only costs the wait.</summary>
    private async Task WaitForPeersAsync(long index, CancellationToken cancellationToken)
    {
        var waits = cluster.State.Peers.Values
            .Where(p => p.Id != cluster.Self.Id)
            .Select(async peer =>
            {
                var client = new Membership.MembershipClient(cluster.Channels.For(peer.Uri));
                try
                {
                    var reply = await client.WaitAppliedAsync(
                        new WaitAppliedRequest { Index = index, TimeoutMs = (uint)PeerWait.TotalMilliseconds },
                        deadline: DateTime.UtcNow.Add(PeerWait + TimeSpan.FromSeconds(1)),
                        cancellationToken: cancellationToken);
                    if (!reply.Reached)
                    {
                        LogPeerBehind(logger, peer.Id, index, reply.Applied);
                    }
                }
                catch (RpcException e) when (!cancellationToken.IsCancellationRequested)
                {
                    cluster.Failures.Record(peer.Uri, e.Status.Detail);
                    LogPeerUnreachable(logger, peer.Id, e.Status.StatusCode);
                }
            });
        await Task.WhenAll(waits);
    }

    [LoggerMessage(EventId = 650, Level = LogLevel.Warning, Message = "Peer {PeerId} had not applied metadata entry {Index} in time (applied {Applied})")]
    private static partial void LogPeerBehind(ILogger logger, ulong peerId, long index, long applied);

    [LoggerMessage(EventId = 651, Level = LogLevel.Warning, Message = "Peer {PeerId} could not confirm the metadata change ({Status})")]
    private static partial void LogPeerUnreachable(ILogger logger, ulong peerId, StatusCode status);
}
