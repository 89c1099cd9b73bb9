using System.Text.Json;

namespace Citadel.Storage.Collections;

/// <summary>Everything that defines a collection (Qdrant's <c>CollectionConfig</c>).</summary>
public sealed record CollectionConfig
{
    /// <summary>Vectors, sharding and replication.</summary>
    public required CollectionParams Params { get; init; }

    /// <summary>Default HNSW parameters for every vector.</summary>
    public required HnswConfig Hnsw { get; init; }

    /// <summary>Segment optimizer settings.</summary>
    public required OptimizersConfig Optimizers { get; init; }

    /// <summary>Write-ahead log settings.</summary>
    public required WalConfig Wal { get; init; }

    /// <summary>Quantization settings, kept as given (not applied yet).</summary>
    public JsonElement? Quantization { get; init; }

    /// <summary>Strict-mode settings, kept as given.</summary>
    public JsonElement? StrictMode { get; init; }

    /// <summary>Free-form user metadata.</summary>
    public JsonElement? Metadata { get; init; }
}

/// <summary>Qdrant's <c>CollectionParams</c>.</summary>
public sealed record CollectionParams
{
    /// <summary>Dense vectors by name; the unnamed vector is called "".</summary>
    public required IReadOnlyDictionary<string, VectorParams> Vectors { get; init; }

    /// <summary>True when the collection was created with a map of named vectors (even a map with one entry).</summary>
    public bool NamedVectors { get; init; }

    /// <summary>Number of shards.</summary>
    public uint ShardNumber { get; init; } = 1;

    /// <summary><c>auto</c> or <c>custom</c>.</summary>
    public string ShardingMethod { get; init; } = "auto";

    /// <summary>Copies of each shard.</summary>
    public uint ReplicationFactor { get; init; } = 1;

    /// <summary>Copies that must confirm a write.</summary>
    public uint WriteConsistencyFactor { get; init; } = 1;

    /// <summary>Extra replicas asked for reads.</summary>
    public uint? ReadFanOutFactor { get; init; }

    /// <summary>Delay before the extra replicas are asked.</summary>
    public ulong? ReadFanOutDelayMs { get; init; }

    /// <summary>Keep payloads on disk (accepted; payloads are held in memory and persisted with segments).</summary>
    public bool OnDiskPayload { get; init; } = true;

    /// <summary>Sparse vector configuration, kept as given.</summary>
    public JsonElement? SparseVectors { get; init; }
}

/// <summary>Qdrant's <c>HnswConfig</c>.</summary>
public sealed record HnswConfig(int M, int EfConstruct, int FullScanThreshold, int MaxIndexingThreads, bool? OnDisk, int? PayloadM)
{
    /// <summary>Applies the set fields of <paramref name="diff"/>.</summary>
    public HnswConfig With(HnswConfigDiff? diff) => diff is null ? this : new(
        diff.M ?? M,
        diff.EfConstruct ?? EfConstruct,
        diff.FullScanThreshold ?? FullScanThreshold,
        diff.MaxIndexingThreads ?? MaxIndexingThreads,
        diff.OnDisk ?? OnDisk,
        diff.PayloadM ?? PayloadM);
}

/// <summary>A partial <see cref="HnswConfig"/>: only the set fields change.</summary>
public sealed record HnswConfigDiff(int? M, int? EfConstruct, int? FullScanThreshold, int? MaxIndexingThreads, bool? OnDisk, int? PayloadM);

/// <summary>Qdrant's <c>OptimizersConfig</c>.</summary>
public sealed record OptimizersConfig(
    double DeletedThreshold,
    int VacuumMinVectorNumber,
    int DefaultSegmentNumber,
    int? MaxSegmentSize,
    int? MemmapThreshold,
    int? IndexingThreshold,
    ulong FlushIntervalSec,
    int? MaxOptimizationThreads,
    bool? PreventUnoptimized)
{
    /// <summary>Applies the set fields of <paramref name="diff"/>.</summary>
    public OptimizersConfig With(OptimizersConfigDiff? diff) => diff is null ? this : new(
        diff.DeletedThreshold ?? DeletedThreshold,
        diff.VacuumMinVectorNumber ?? VacuumMinVectorNumber,
        diff.DefaultSegmentNumber ?? DefaultSegmentNumber,
        diff.MaxSegmentSize ?? MaxSegmentSize,
        diff.MemmapThreshold ?? MemmapThreshold,
        diff.IndexingThreshold ?? IndexingThreshold,
        diff.FlushIntervalSec ?? FlushIntervalSec,
        diff.MaxOptimizationThreads ?? MaxOptimizationThreads,
        diff.PreventUnoptimized ?? PreventUnoptimized);
}

/// <summary>A partial <see cref="OptimizersConfig"/>.</summary>
public sealed record OptimizersConfigDiff(
    double? DeletedThreshold,
    int? VacuumMinVectorNumber,
    int? DefaultSegmentNumber,
    int? MaxSegmentSize,
    int? MemmapThreshold,
    int? IndexingThreshold,
    ulong? FlushIntervalSec,
    int? MaxOptimizationThreads,
    bool? PreventUnoptimized);

/// <summary>Qdrant's <c>WalConfig</c>.</summary>
public sealed record WalConfig(int WalCapacityMb, int WalSegmentsAhead, int? WalRetainClosed)
{
    /// <summary>Applies the set fields of <paramref name="diff"/>.</summary>
    public WalConfig With(WalConfigDiff? diff) => diff is null ? this : new(
        diff.WalCapacityMb ?? WalCapacityMb,
        diff.WalSegmentsAhead ?? WalSegmentsAhead,
        diff.WalRetainClosed ?? WalRetainClosed);
}

/// <summary>A partial <see cref="WalConfig"/>.</summary>
public sealed record WalConfigDiff(int? WalCapacityMb, int? WalSegmentsAhead, int? WalRetainClosed);
