using Citadel.Common.Errors;

namespace Citadel.Storage.Collections;

/// <summary>The limits a collection configuration must respect (Qdrant's validation rules).</summary>
public static class CollectionConfigRules
{
    /// <summary>Throws a validation or input error naming the first rule <paramref name="config"/> breaks.</summary>
    public static void Validate(CollectionConfig config)
    {
        if (config.Params.Vectors.Count == 0 && config.Params.SparseVectors is null)
        {
            throw CitadelException.BadInput("At least one vector must be configured");
        }

        foreach (var (name, v) in config.Params.Vectors)
        {
            if (v.Size is < 1 or > VectorParams.MaxSize)
            {
                throw CitadelException.Validation($"vectors{(name.Length > 0 ? "." + name : string.Empty)}.size: value {v.Size} invalid, must be from 1 to {VectorParams.MaxSize}");
            }
        }

        if (config.Params.ShardNumber is < 1 or > 1024)
        {
            throw CitadelException.Validation("shard_number: value must be from 1 to 1024");
        }

        if (config.Params.ReplicationFactor < 1 || config.Params.WriteConsistencyFactor < 1)
        {
            throw CitadelException.Validation("replication_factor and write_consistency_factor must be at least 1");
        }

        if (config.Hnsw.M < 0 || config.Hnsw.EfConstruct < 4 || config.Hnsw.FullScanThreshold < 0)
        {
            throw CitadelException.Validation("hnsw_config: m must be >= 0, ef_construct >= 4, full_scan_threshold >= 0");
        }

        if (config.Optimizers.DeletedThreshold is < 0 or > 1)
        {
            throw CitadelException.Validation("optimizers_config.deleted_threshold: value must be between 0 and 1");
        }

        if (config.Wal.WalCapacityMb < 1)
        {
            throw CitadelException.Validation("wal_config.wal_capacity_mb: value must be at least 1");
        }
    }
}
