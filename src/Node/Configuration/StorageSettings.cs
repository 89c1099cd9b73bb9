namespace Citadel.Node.Configuration;

/// <summary>The <c>storage</c> section: data directories and defaults for collections.</summary>
public sealed record StorageSettings
{
    /// <summary>Absolute directory of collections and consensus state.</summary>
    public string StoragePath { get; init; } = "./storage";

    /// <summary>Absolute directory of snapshot files.</summary>
    public string SnapshotsPath { get; init; } = "./snapshots";

    /// <summary>Absolute directory for temporary files; null = below <see cref="StoragePath"/>.</summary>
    public string? TempPath { get; init; }

    /// <summary>Keep payloads on disk (deprecated upstream, still honoured as the default for new collections).</summary>
    public bool OnDiskPayload { get; init; } = true;

    /// <summary>Maximum concurrent updates to shard replicas; null = no limit.</summary>
    public int? UpdateConcurrency { get; init; }

    /// <summary>Whether this node serves reads.</summary>
    public NodeType NodeType { get; init; } = NodeType.Normal;

    /// <summary>Preferred shard transfer method (<c>stream_records</c>, <c>snapshot</c> or <c>wal_delta</c>); null = automatic.</summary>
    public string? ShardTransferMethod { get; init; }

    /// <summary>Maximum number of collections; null = no limit.</summary>
    public int? MaxCollections { get; init; }

    /// <summary>When set, the node starts in recovery mode and this text explains refused requests.</summary>
    public string? RecoveryMode { get; init; }

    /// <summary>Load the node even when a collection fails to load.</summary>
    public bool HandleCollectionLoadErrors { get; init; }

    /// <summary>Where snapshots are stored (<c>storage.snapshots_config</c>).</summary>
    public SnapshotsSettings Snapshots { get; init; } = new();

    /// <summary>Write-ahead log defaults (<c>storage.wal</c>).</summary>
    public WalSettings Wal { get; init; } = new();

    /// <summary>Thread and rate budgets (<c>storage.performance</c>).</summary>
    public PerformanceSettings Performance { get; init; } = new();

    /// <summary>Default optimizer parameters (<c>storage.optimizers</c>).</summary>
    public OptimizerSettings Optimizers { get; init; } = new();

    /// <summary>Default HNSW parameters (<c>storage.hnsw_index</c>).</summary>
    public HnswSettings HnswIndex { get; init; } = new();

    /// <summary>Defaults for new collections (<c>storage.collection</c>).</summary>
    public CollectionSectionSettings Collection { get; init; } = new();
}

/// <summary>Role of a node (<c>storage.node_type</c>).</summary>
public enum NodeType
{
    /// <summary>Receives updates and serves queries.</summary>
    Normal,

    /// <summary>Receives updates but does not serve reads.</summary>
    Listener,
}
