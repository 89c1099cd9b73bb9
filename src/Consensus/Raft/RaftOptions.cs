namespace Citadel.Consensus.Raft;

/// <summary>
/// Settings of this node's Raft member. The timeouts follow the DotNext spike's findings: election 300/600 ms and a
/// 1 s request timeout, because shorter ones livelock snapshot installs on a 2-core machine.
/// </summary>
/// <param name="DataDirectory">Where the Raft WAL, snapshots and membership live (<c>{storage}/consensus</c>).</param>
/// <param name="PeerUri">This node's peer URI (<c>--uri</c>); its host and port are the member identity.</param>
/// <param name="ColdStart">True only for the first peer of a new cluster with an empty data directory.</param>
public sealed record RaftOptions(string DataDirectory, Uri PeerUri, bool ColdStart)
{
    /// <summary>Lower bound of the randomised election timeout.</summary>
    public int LowerElectionTimeoutMs { get; init; } = 300;

    /// <summary>Upper bound of the randomised election timeout.</summary>
    public int UpperElectionTimeoutMs { get; init; } = 600;

    /// <summary>Per-RPC timeout (also the server-side TLS handshake budget).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>TCP connect plus client TLS handshake.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Entries between snapshots (Qdrant's <c>consensus.compact_wal_entries</c>).</summary>
    public int SnapshotEvery { get; init; } = 128;
}
