using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>CreateCollection</c>, <c>UpdateCollection</c> and <c>ChangeAliases</c> as the domain requests the REST adapter builds.</summary>
internal static class CollectionConversions
{
    public static CreateCollectionRequest Create(G.CreateCollection r)
    {
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        string? sharding = null;
        if (r.HasShardingMethod)
        {
            sharding = r.ShardingMethod switch
            {
                G.ShardingMethod.Auto => "auto",
                G.ShardingMethod.Custom => throw new CitadelException(ErrorKind.Unimplemented, "Custom sharding is not implemented yet"),
                var other => throw GrpcInput.Invalid($"Cannot convert ShardingMethod: {(int)other}"),
            };
        }

        RejectSparse(r.SparseVectorsConfig);
        var (vectors, named) = Vectors(r.VectorsConfig);
        return new CreateCollectionRequest
        {
            Vectors = vectors,
            NamedVectors = named,
            ShardNumber = r.HasShardNumber ? GrpcInput.Positive(r.ShardNumber, "shard_number") : null,
            ShardingMethod = sharding,
            ReplicationFactor = r.HasReplicationFactor ? GrpcInput.Positive(r.ReplicationFactor, "replication_factor") : null,
            WriteConsistencyFactor = r.HasWriteConsistencyFactor ? GrpcInput.Positive(r.WriteConsistencyFactor, "write_consistency_factor") : null,
            OnDiskPayload = r.HasOnDiskPayload ? r.OnDiskPayload : null,
            Hnsw = r.HnswConfig is { } h ? ConfigDiffConversions.Hnsw(h) : null,
            Wal = r.WalConfig is { } w ? ConfigDiffConversions.Wal(w) : null,
            Optimizers = r.OptimizersConfig is { } o ? ConfigDiffConversions.Optimizers(o) : null,
            Quantization = r.QuantizationConfig is { } q ? QuantizationConversions.ToJson(q) : null,
            StrictMode = r.StrictModeConfig is { } s ? StrictModeConversions.ToJson(s) : null,
            // A protobuf map cannot say "absent", so an empty one means no metadata.
            Metadata = r.Metadata.Count > 0 ? ValueConversions.Object(r.Metadata) : null,
        };
    }

    public static CollectionUpdate Update(G.UpdateCollection r)
    {
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        RejectSparse(r.SparseVectorsConfig);
        Dictionary<string, VectorParamsDiff>? vectors = null;
        switch (r.VectorsConfig?.ConfigCase)
        {
            case G.VectorsConfigDiff.ConfigOneofCase.Params:
                vectors = new(StringComparer.Ordinal) { [string.Empty] = ConfigDiffConversions.VectorParamsDiff(r.VectorsConfig.Params) };
                break;
            case G.VectorsConfigDiff.ConfigOneofCase.ParamsMap:
                vectors = r.VectorsConfig.ParamsMap.Map.ToDictionary(kv => kv.Key, kv => ConfigDiffConversions.VectorParamsDiff(kv.Value), StringComparer.Ordinal);
                break;
        }

        var disabled = r.QuantizationConfig?.QuantizationCase == G.QuantizationConfigDiff.QuantizationOneofCase.Disabled;
        return new CollectionUpdate
        {
            Vectors = vectors,
            Optimizers = r.OptimizersConfig is { } o ? ConfigDiffConversions.Optimizers(o) : null,
            Params = r.Params is { } p ? ConfigDiffConversions.Params(p) : null,
            Hnsw = r.HnswConfig is { } h ? ConfigDiffConversions.Hnsw(h) : null,
            Quantization = !disabled && r.QuantizationConfig is { } q ? QuantizationConversions.ToJson(q) : null,
            QuantizationDisabled = disabled,
            StrictMode = r.StrictModeConfig is { } s ? StrictModeConversions.ToJson(s) : null,
            Metadata = r.Metadata.Count > 0 ? ValueConversions.Object(r.Metadata) : null,
        };
    }

    public static List<AliasAction> Aliases(G.ChangeAliases r)
    {
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return r.Actions.Select(a => a.ActionCase switch
        {
            G.AliasOperations.ActionOneofCase.CreateAlias => (AliasAction)new CreateAlias(a.CreateAlias.CollectionName, a.CreateAlias.AliasName),
            G.AliasOperations.ActionOneofCase.RenameAlias => new RenameAlias(a.RenameAlias.OldAliasName, a.RenameAlias.NewAliasName),
            G.AliasOperations.ActionOneofCase.DeleteAlias => new DeleteAlias(a.DeleteAlias.AliasName),
            _ => throw GrpcInput.Invalid("Malformed alias operation: expected one of `create_alias`, `rename_alias`, `delete_alias`"),
        }).ToList();
    }

    /// <summary>Unnamed params become the vector called ""; no config at all is an empty map of named vectors, as over REST.</summary>
    private static (Dictionary<string, VectorParams> Vectors, bool Named) Vectors(G.VectorsConfig? config) => config?.ConfigCase switch
    {
        G.VectorsConfig.ConfigOneofCase.Params => (new(StringComparer.Ordinal) { [string.Empty] = ConfigDiffConversions.VectorParams(config.Params) }, false),
        G.VectorsConfig.ConfigOneofCase.ParamsMap => (config.ParamsMap.Map.ToDictionary(kv => kv.Key, kv => ConfigDiffConversions.VectorParams(kv.Value), StringComparer.Ordinal), true),
        _ => (new(StringComparer.Ordinal), true),
    };

    /// <summary>A non-empty sparse vector config is refused; an empty one says nothing.</summary>
    private static void RejectSparse(G.SparseVectorConfig? sparse)
    {
        if (sparse is { Map.Count: > 0 })
        {
            throw new CitadelException(ErrorKind.Unimplemented, "Sparse vectors are not implemented yet");
        }
    }
}
