namespace Citadel.Node.Configuration;

/// <summary>The <c>cluster</c> section: distributed mode, peer identity and internal timeouts.</summary>
public sealed record ClusterSettings
{
    /// <summary>Run in distributed mode.</summary>
    public bool Enabled { get; init; }

    /// <summary>Fixed peer id (1 … 2^53−1), used only when no consensus state exists; null = random.</summary>
    public ulong? PeerId { get; init; }

    /// <summary>Timeout of internal gRPC calls, in milliseconds.</summary>
    public int GrpcTimeoutMs { get; init; } = 60000;

    /// <summary>Timeout of connecting to a peer, in milliseconds.</summary>
    public int ConnectionTimeoutMs { get; init; } = 2000;

    /// <summary>Internal transport (<c>cluster.p2p</c>).</summary>
    public P2pSettings P2p { get; init; } = new();

    /// <summary>Raft timing (<c>cluster.consensus</c>).</summary>
    public ConsensusSettings Consensus { get; init; } = new();

    /// <summary>Allow resharding existing collections.</summary>
    public bool ReshardingEnabled { get; init; }
}

/// <summary>The <c>cluster.p2p</c> section: the internal gRPC port and its channels.</summary>
public sealed record P2pSettings
{
    /// <summary>Internal gRPC port; must be set when the cluster is enabled.</summary>
    public int? Port { get; init; } = 6335;

    /// <summary>gRPC channels per peer.</summary>
    public int ConnectionPoolSize { get; init; } = 2;

    /// <summary>Mutual TLS between peers.</summary>
    public bool EnableTls { get; init; }

    /// <summary>
    /// Certificate identities (DNS SAN or subject CN) that may talk on the peer port when TLS is on; an entry
    /// <c>*.example</c> matches one leftmost label, <c>*</c> any certificate signed by <c>tls.ca_cert</c>. Citadel only.
    /// </summary>
    public IReadOnlyList<string> AllowedIdentities { get; init; } = [];

    /// <summary>Allow plain-text peer traffic on a non-loopback address (refused by default). Citadel only.</summary>
    public bool AllowInsecure { get; init; }
}

/// <summary>The <c>cluster.consensus</c> section: Raft timing and log compaction.</summary>
public sealed record ConsensusSettings
{
    /// <summary>Raft tick interval, in milliseconds.</summary>
    public int TickPeriodMs { get; init; } = 100;

    /// <summary>Compact the consensus log after this many applied entries; 0 disables compaction.</summary>
    public long CompactWalEntries { get; init; } = 128;

    /// <summary>Consensus message queue length before back-pressure.</summary>
    public int MaxMessageQueueSize { get; init; } = 100;

    /// <summary>Timeout of joining through the bootstrap peer, in seconds.</summary>
    public int BootstrapTimeoutSec { get; init; } = 15;

    /// <summary>Ticks after which an unanswered message is considered lost.</summary>
    public int MessageTimeoutTicks { get; init; } = 10;
}
