namespace Citadel.Node.Observability.Cluster;

/// <summary>
/// What telemetry and <c>/metrics</c> report about the cluster. The standalone node answers
/// <see cref="ClusterMetricsSnapshot.Disabled"/>; the cluster implements this over its Raft state and peer links.
/// One snapshot per scrape, so that term, commit and peers are read together.
/// </summary>
internal interface IClusterMetricsSource
{
    /// <summary>The cluster state as of now. Must be cheap and must not block on the network.</summary>
    ClusterMetricsSnapshot Snapshot();
}

/// <summary>Raft role of this peer, in Qdrant's <c>StateRole</c> spelling.</summary>
internal enum RaftRole
{
    Follower,
    Candidate,
    Leader,
    PreCandidate,
}

/// <summary>One other peer as seen from this node.</summary>
/// <param name="PeerId">The peer's id.</param>
/// <param name="Uri">Its peer-port URI (shown in telemetry with global access only).</param>
/// <param name="Reachable">Whether the last exchange with it succeeded.</param>
internal sealed record PeerLink(ulong PeerId, string Uri, bool Reachable);

/// <summary>The cluster numbers of one scrape.</summary>
/// <param name="Enabled">False in standalone mode: every other field is then ignored.</param>
/// <param name="PeerId">This peer's id.</param>
/// <param name="PeerCount">Known peers including this one (Qdrant's <c>number_of_peers</c>).</param>
/// <param name="Term">Current Raft term.</param>
/// <param name="Commit">Index of the last committed entry this peer knows of.</param>
/// <param name="PendingOperations">Proposals not yet applied.</param>
/// <param name="Role">Raft role, null when unknown (not started yet).</param>
/// <param name="IsVoter">True for a voter, false for a learner.</param>
/// <param name="Peers">The other peers and the state of the link to each.</param>
internal sealed record ClusterMetricsSnapshot(
    bool Enabled,
    ulong? PeerId,
    int PeerCount,
    ulong Term,
    ulong Commit,
    int PendingOperations,
    RaftRole? Role,
    bool IsVoter,
    IReadOnlyList<PeerLink> Peers)
{
    /// <summary>Standalone mode.</summary>
    public static readonly ClusterMetricsSnapshot Disabled = new(false, null, 1, 0, 0, 0, null, true, []);
}
