namespace Citadel.Node.Cluster;

/// <summary>How this peer enters the cluster on this start.</summary>
internal enum ClusterEntry
{
    /// <summary>First peer of a new cluster (no <c>--bootstrap</c>, no consensus state): Raft cold start.</summary>
    Found,

    /// <summary>New peer joining through <c>--bootstrap</c>.</summary>
    Join,

    /// <summary>Known peer restarting from its persisted consensus state.</summary>
    Restart,
}

/// <summary>
/// The start-up decision of a cluster peer. <see cref="AdoptLocalCollections"/>: the collections already in storage
/// (a single node turned first peer, or <c>--reinit</c> without <c>--bootstrap</c>) become the cluster's catalog.
/// </summary>
internal sealed record ClusterPlan(ClusterEntry Entry, PeerIdentity Identity, Uri? Bootstrap, bool AdoptLocalCollections, bool WipeConsensusState);
