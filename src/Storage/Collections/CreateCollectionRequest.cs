using System.Text.Json;

namespace Citadel.Storage.Collections;

/// <summary>What a caller asks for when creating a collection; unset parts come from the node's defaults.</summary>
public sealed record CreateCollectionRequest
{
    /// <summary>Dense vectors by name ("" = unnamed).</summary>
    public required IReadOnlyDictionary<string, VectorParams> Vectors { get; init; }

    /// <summary>True when given as a map of names.</summary>
    public bool NamedVectors { get; init; }

    /// <summary>Shard count.</summary>
    public uint? ShardNumber { get; init; }

    /// <summary><c>auto</c> or <c>custom</c>.</summary>
    public string? ShardingMethod { get; init; }

    /// <summary>Copies per shard.</summary>
    public uint? ReplicationFactor { get; init; }

    /// <summary>Copies that confirm a write.</summary>
    public uint? WriteConsistencyFactor { get; init; }

    /// <summary>Payload storage hint.</summary>
    public bool? OnDiskPayload { get; init; }

    /// <summary>HNSW overrides.</summary>
    public HnswConfigDiff? Hnsw { get; init; }

    /// <summary>WAL overrides.</summary>
    public WalConfigDiff? Wal { get; init; }

    /// <summary>Optimizer overrides.</summary>
    public OptimizersConfigDiff? Optimizers { get; init; }

    /// <summary>Quantization, kept as given.</summary>
    public JsonElement? Quantization { get; init; }

    /// <summary>Sparse vectors, kept as given.</summary>
    public JsonElement? SparseVectors { get; init; }

    /// <summary>Strict mode, kept as given.</summary>
    public JsonElement? StrictMode { get; init; }

    /// <summary>User metadata.</summary>
    public JsonElement? Metadata { get; init; }
}

/// <summary>Node-wide defaults for new collections (Qdrant's <c>storage.*</c> settings).</summary>
public sealed record CollectionDefaults(
    HnswConfig Hnsw,
    OptimizersConfig Optimizers,
    WalConfig Wal,
    uint ReplicationFactor,
    uint WriteConsistencyFactor,
    uint? ShardNumber,
    bool OnDiskPayload)
{
    /// <summary>Qdrant's shipped defaults.</summary>
    public static readonly CollectionDefaults Qdrant = new(
        new HnswConfig(16, 100, 10000, 0, false, null),
        new OptimizersConfig(0.2, 1000, 0, null, null, 10000, 5, null, null),
        new WalConfig(32, 0, null),
        1,
        1,
        null,
        true);

    /// <summary>Completes a request into a full configuration.</summary>
    public CollectionConfig Complete(CreateCollectionRequest r) => new()
    {
        Params = new CollectionParams
        {
            Vectors = r.Vectors,
            NamedVectors = r.NamedVectors,
            ShardNumber = r.ShardNumber ?? ShardNumber ?? 1,
            ShardingMethod = r.ShardingMethod ?? "auto",
            ReplicationFactor = r.ReplicationFactor ?? ReplicationFactor,
            WriteConsistencyFactor = r.WriteConsistencyFactor ?? WriteConsistencyFactor,
            OnDiskPayload = r.OnDiskPayload ?? OnDiskPayload,
            SparseVectors = r.SparseVectors,
        },
        Hnsw = Hnsw.With(r.Hnsw),
        Optimizers = Optimizers.With(r.Optimizers),
        Wal = Wal.With(r.Wal),
        Quantization = r.Quantization,
        StrictMode = r.StrictMode,
        Metadata = r.Metadata,
    };
}
