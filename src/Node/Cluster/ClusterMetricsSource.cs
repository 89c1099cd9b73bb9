using Citadel.Node.Observability.Cluster;

namespace Citadel.Node.Cluster;

/// <summary>
/// This peer's consensus view for <c>/metrics</c> and telemetry. A peer counts as unreachable while a call to it failed
/// within the last <see cref="RecentFailure"/> (Raft reports unreachable members; forwarding and fan-out report too).
/// </summary>
internal sealed class ClusterMetricsSource(ClusterNode cluster, TimeProvider time) : IClusterMetricsSource
{
    private static readonly TimeSpan RecentFailure = TimeSpan.FromSeconds(10);

    public ClusterMetricsSnapshot Snapshot()
    {
        if (!cluster.IsRunning)
        {
            return new ClusterMetricsSnapshot(true, cluster.Self.Id, 1, 0, 0, 0, null, false, []);
        }

        var raft = cluster.Raft;
        var failures = cluster.Failures.Snapshot();
        var now = time.GetUtcNow();
        var peers = cluster.State.Peers.Values
            .Where(p => p.Id != cluster.Self.Id)
            .Select(p => new PeerLink(p.Id, p.Uri, !(failures.TryGetValue(p.Uri, out var f) && now - f.LatestErrorTimestamp < RecentFailure)))
            .ToList();
        var role = raft.Role switch
        {
            "Leader" => RaftRole.Leader,
            "Follower" => RaftRole.Follower,
            _ => RaftRole.Candidate,
        };
        return new ClusterMetricsSnapshot(
            true,
            cluster.Self.Id,
            cluster.State.Peers.Count,
            (ulong)Math.Max(0, raft.Term),
            (ulong)Math.Max(0, raft.CommitIndex),
            (int)Math.Clamp(raft.LastIndex - raft.AppliedIndex, 0, int.MaxValue),
            role,
            raft.IsVoter,
            peers);
    }
}
