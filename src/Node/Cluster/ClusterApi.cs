using Citadel.Common.Errors;
using Citadel.Consensus.Peers.Protocol;
using Citadel.Storage.Collections;
using Grpc.Core;

namespace Citadel.Node.Cluster;

/// <summary>
/// The cluster API (<c>GET /cluster</c>, <c>DELETE /cluster/peer/{id}</c>, <c>POST /cluster/recover</c>,
/// <c>GET /collections/{name}/cluster</c>) over this node's view of consensus. In single-node mode the first answers
/// <c>disabled</c>, the changes answer Qdrant's 405 <c>StandaloneMode</c>.
/// </summary>
internal sealed class ClusterApi(ClusterNode? cluster, CollectionManager collections, TimeProvider time)
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>This node's view, or null in single-node mode.</summary>
    public ClusterStatusView? Status()
    {
        if (cluster is not { IsRunning: true } c)
        {
            return cluster is null ? null : throw new CitadelException(ErrorKind.Unavailable, "consensus is starting");
        }

        var raft = c.Raft;
        var peers = c.State.Peers;
        var leaderUri = raft.LeaderUri;
        ulong? leader = leaderUri is null ? null : peers.Values.FirstOrDefault(p => string.Equals(p.Uri, leaderUri, StringComparison.OrdinalIgnoreCase))?.Id;
        return new ClusterStatusView(
            c.Self.Id,
            peers.ToDictionary(p => p.Key, p => p.Value.Uri),
            peers.ToDictionary(p => p.Key, p => (IReadOnlyDictionary<string, string>)p.Value.KeyFingerprints),
            raft.Term,
            raft.CommitIndex,
            Math.Max(0, raft.LastIndex - raft.AppliedIndex),
            leader,
            raft.Role,
            raft.IsVoter,
            time.GetUtcNow(),
            c.Failures.Snapshot());
    }

    /// <summary>Removes a peer from consensus; refuses while it holds collections unless <paramref name="force"/>.</summary>
    public async Task<bool> RemovePeerAsync(string peerId, bool force, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var c = Running();
        if (!ulong.TryParse(peerId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            throw new CitadelException(ErrorKind.NotFound, $"Peer {peerId} doesn't exist");
        }

        if (!c.State.Peers.ContainsKey(id))
        {
            throw new CitadelException(ErrorKind.NotFound, $"Peer {id} doesn't exist");
        }

        if (!force && collections.Catalog.Collections.Values.Any(e => e.Owner == id))
        {
            throw CitadelException.BadRequest($"Cannot remove peer {id} as there are shards on it");
        }

        var wait = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        try
        {
            var leaderUri = c.Raft.LeaderUri ?? c.Self.CanonicalUri;
            var reply = await new Membership.MembershipClient(c.Channels.For(c.Raft.IsLeader ? c.Self.CanonicalUri : leaderUri))
                .RemoveAsync(new RemoveRequest { PeerId = id }, cancellationToken: deadline.Token);
            if (id != c.Self.Id)
            {
                await c.Raft.WaitForApplyAsync(reply.Index, deadline.Token);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            throw new CitadelException(ErrorKind.NotFound, e.Status.Detail);
        }
        catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled or StatusCode.DeadlineExceeded && !cancellationToken.IsCancellationRequested)
        {
            throw new CitadelException(ErrorKind.Unavailable, $"could not remove peer {id}: {e.Status.Detail}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CitadelException(ErrorKind.Timeout, $"Operation 'remove_peer' timed out after {wait.TotalSeconds:0.###} seconds");
        }

        return true;
    }

    /// <summary>
    /// Qdrant asks the leader for a snapshot. Here a peer catches up by itself (DotNext installs snapshots as needed),
    /// so recovery means: a leader is known and this peer has applied everything committed.
    /// </summary>
    public async Task<bool> RecoverAsync(CancellationToken cancellationToken)
    {
        var c = Running();
        await c.Raft.WaitForLeaderAsync(DefaultTimeout, cancellationToken);
        await c.WaitAppliedAsync(c.Raft.CommitIndex, cancellationToken);
        return true;
    }

    /// <summary>Where a collection's shards are: on this peer (with counts) or on its holder.</summary>
    public CollectionClusterView CollectionInfo(string name)
    {
        var collection = collections.Get(name);
        var self = cluster?.Self.Id ?? 0;
        if (collection.IsLocal)
        {
            return new CollectionClusterView(self, collection.Shards.Count, [.. collection.Shards.Select((s, i) => new LocalShardView((uint)i, s.PointCount))], []);
        }

        var owner = collection.Owner ?? 0;
        return new CollectionClusterView(self, collection.Config.Params.ShardNumber, [], [.. Enumerable.Range(0, (int)collection.Config.Params.ShardNumber).Select(i => new RemoteShardView((uint)i, owner))]);
    }

    private ClusterNode Running()
    {
        if (cluster is null)
        {
            throw new CitadelException(ErrorKind.StandaloneMode, "Qdrant is running in standalone mode");
        }

        return cluster.IsRunning ? cluster : throw new CitadelException(ErrorKind.Unavailable, "consensus is starting");
    }
}

/// <summary>The body of <c>GET /cluster</c> in cluster mode.</summary>
internal sealed record ClusterStatusView(
    ulong PeerId,
    IReadOnlyDictionary<ulong, string> Peers,
    IReadOnlyDictionary<ulong, IReadOnlyDictionary<string, string>> KeyFingerprints,
    long Term,
    long Commit,
    long PendingOperations,
    ulong? Leader,
    string Role,
    bool IsVoter,
    DateTimeOffset LastUpdate,
    IReadOnlyDictionary<string, PeerFailures.Entry> Failures);

/// <summary>The body of <c>GET /collections/{name}/cluster</c>.</summary>
internal sealed record CollectionClusterView(ulong PeerId, long ShardCount, IReadOnlyList<LocalShardView> Local, IReadOnlyList<RemoteShardView> Remote);

internal sealed record LocalShardView(uint ShardId, long PointsCount);

internal sealed record RemoteShardView(uint ShardId, ulong PeerId);
