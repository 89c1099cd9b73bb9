using System.Text.Json;

namespace Citadel.Storage.Collections;

/// <summary>
/// A change to collection metadata. These are the commands the cluster replicates through Raft; a single node
/// applies them directly. Each is deterministic given the state it is applied to.
/// </summary>
public abstract record CollectionMetaOperation
{
    /// <summary>The operation name used in audit entries (Qdrant's names).</summary>
    public abstract string Name { get; }
}

/// <summary>
/// Create a collection with a complete configuration. The proposer fixes its <see cref="Uuid"/> (as Qdrant does) and,
/// in a cluster, the peer that holds its shards (<see cref="Owner"/>), so every replica applies the same thing.
/// </summary>
public sealed record CreateCollectionOperation(string CollectionName, CollectionConfig Config) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "create_collection";

    /// <summary>Identity of this incarnation of the collection (a re-created collection gets a new one).</summary>
    public Guid Uuid { get; init; } = Guid.NewGuid();

    /// <summary>The peer holding the shards; null on a single node.</summary>
    public ulong? Owner { get; init; }
}

/// <summary>Change parts of a collection's configuration.</summary>
public sealed record UpdateCollectionOperation(string CollectionName, CollectionUpdate Update) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "update_collection";
}

/// <summary>Delete a collection and its aliases.</summary>
public sealed record DeleteCollectionOperation(string CollectionName) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "delete_collection";
}

/// <summary>Apply alias actions atomically, in order.</summary>
public sealed record ChangeAliasesOperation(IReadOnlyList<AliasAction> Actions) : CollectionMetaOperation
{
    /// <inheritdoc />
    public override string Name => "change_aliases";
}

/// <summary>
/// Replaces the whole catalog: how the first peer of a new cluster (or one re-initialised with <c>--reinit</c>) puts the
/// collections it already holds into the replicated state.
/// </summary>
public sealed record AdoptCatalogOperation(CollectionCatalog Catalog) : CollectionMetaOperation
{
    public override string Name => "adopt_catalog";
}

/// <summary>One alias action.</summary>
public abstract record AliasAction;

/// <summary>Point <see cref="AliasName"/> at <see cref="CollectionName"/> (replacing an existing alias of that name).</summary>
public sealed record CreateAlias(string CollectionName, string AliasName) : AliasAction;

/// <summary>Remove an alias.</summary>
public sealed record DeleteAlias(string AliasName) : AliasAction;

/// <summary>Rename an alias.</summary>
public sealed record RenameAlias(string OldAliasName, string NewAliasName) : AliasAction;

/// <summary>The changeable parts of a collection (PATCH /collections/{name}); null fields stay as they are.</summary>
public sealed record CollectionUpdate
{
    /// <summary>Per-vector changes by name ("" = unnamed).</summary>
    public IReadOnlyDictionary<string, VectorParamsDiff>? Vectors { get; init; }

    /// <summary>Optimizer changes.</summary>
    public OptimizersConfigDiff? Optimizers { get; init; }

    /// <summary>Replication and payload storage changes.</summary>
    public CollectionParamsDiff? Params { get; init; }

    /// <summary>HNSW changes.</summary>
    public HnswConfigDiff? Hnsw { get; init; }

    /// <summary>New quantization config; <see cref="QuantizationDisabled"/> removes it.</summary>
    public JsonElement? Quantization { get; init; }

    /// <summary>True when the quantization config is to be removed.</summary>
    public bool QuantizationDisabled { get; init; }

    /// <summary>Strict-mode fields to merge in.</summary>
    public JsonElement? StrictMode { get; init; }

    /// <summary>Metadata keys to merge in.</summary>
    public JsonElement? Metadata { get; init; }
}

/// <summary>Changes to one named vector.</summary>
public sealed record VectorParamsDiff(HnswConfigDiff? Hnsw, bool? OnDisk, JsonElement? Quantization);

/// <summary>Qdrant's <c>CollectionParamsDiff</c>.</summary>
public sealed record CollectionParamsDiff(uint? ReplicationFactor, uint? WriteConsistencyFactor, uint? ReadFanOutFactor, ulong? ReadFanOutDelayMs, bool? OnDiskPayload);
