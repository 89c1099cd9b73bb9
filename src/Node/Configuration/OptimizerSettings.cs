namespace Citadel.Node.Configuration;

/// <summary>The <c>storage.optimizers</c> section: default optimizer parameters of new collections.</summary>
public sealed record OptimizerSettings
{
    /// <summary>Fraction (0 … 1) of deleted vectors that triggers a segment's optimization.</summary>
    public double DeletedThreshold { get; init; } = 0.2;

    /// <summary>Minimal vectors in a segment before it is optimized.</summary>
    public int VacuumMinVectorNumber { get; init; } = 1000;

    /// <summary>Target number of segments; 0 = from the CPU count.</summary>
    public int DefaultSegmentNumber { get; init; }

    /// <summary>Largest segment in kilobytes; null = from the CPU count.</summary>
    public long? MaxSegmentSizeKb { get; init; }

    /// <summary>Deprecated memmap threshold in kilobytes; null when unset.</summary>
    public long? MemmapThresholdKb { get; init; }

    /// <summary>Vector data (kilobytes) above which a segment gets an HNSW index; 0 disables indexing.</summary>
    public long? IndexingThresholdKb { get; init; } = 10000;

    /// <summary>Seconds between forced flushes.</summary>
    public int FlushIntervalSec { get; init; } = 5;

    /// <summary>Concurrent optimization jobs per shard; null = no limit, 0 = optimizations off.</summary>
    public int? MaxOptimizationThreads { get; init; }
}
