namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.collection</c> section: defaults applied when a collection is created without them.</summary>
public sealed record CollectionSectionSettings
{
    /// <summary>Copies of each shard.</summary>
    public int ReplicationFactor { get; init; } = 1;

    /// <summary>Replicas that must apply a write before it is acknowledged.</summary>
    public int WriteConsistencyFactor { get; init; } = 1;

    /// <summary>Shards of a new collection; null = derived from the number of peers.</summary>
    public int? ShardNumber { get; init; }

    /// <summary>Shards per peer of a new collection; null when unset.</summary>
    public int? ShardNumberPerNode { get; init; }

    /// <summary>Default on-disk storage of vectors (<c>storage.collection.vectors.on_disk</c>); null = per collection.</summary>
    public bool? VectorsOnDisk { get; init; }
}
