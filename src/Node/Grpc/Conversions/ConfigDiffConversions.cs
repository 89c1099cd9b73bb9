using Citadel.Common.Errors;
using Citadel.Storage.Collections;
using Citadel.Storage.Vectors;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Collection settings from protobuf (<c>VectorParams</c>, HNSW/WAL/optimizer diffs, params diff) into the domain
/// types the REST adapter produces. Settings the engine does not use yet (memory placement, inline storage,
/// payload storage params) are accepted and dropped, as in the REST adapter.
/// </summary>
internal static class ConfigDiffConversions
{
    public static VectorParams VectorParams(G.VectorParams v)
    {
        if (v.MultivectorConfig is not null)
        {
            throw new CitadelException(ErrorKind.Unimplemented, "Multivectors are not implemented yet");
        }

        string? datatype = null;
        if (v.HasDatatype)
        {
            datatype = v.Datatype switch
            {
                G.Datatype.Default => null,
                G.Datatype.Float32 => "float32",
                G.Datatype.Uint8 or G.Datatype.Float16 or G.Datatype.Turbo4 =>
                    throw new CitadelException(ErrorKind.Unimplemented, $"Vector datatype `{v.Datatype.ToString().ToLowerInvariant()}` is not implemented yet; use float32"),
                var other => throw GrpcInput.Invalid($"Cannot convert datatype: {(int)other}"),
            };
        }

        if (v.Size is < 1 or > Storage.Collections.VectorParams.MaxSize)
        {
            throw GrpcInput.Validation("size", $"value {v.Size} invalid, must be from 1 to {Storage.Collections.VectorParams.MaxSize}");
        }

        return new VectorParams((int)v.Size, Distance(v.Distance))
        {
            HnswConfig = v.HnswConfig is { } h ? Hnsw(h) : null,
            OnDisk = v.HasOnDisk ? v.OnDisk : null,
            Datatype = datatype,
            QuantizationConfig = v.QuantizationConfig is { } q ? QuantizationConversions.ToJson(q) : null,
        };
    }

    public static VectorParamsDiff VectorParamsDiff(G.VectorParamsDiff v) => new(
        v.HnswConfig is { } h ? Hnsw(h) : null,
        v.HasOnDisk ? v.OnDisk : null,
        v.QuantizationConfig is { } q ? QuantizationConversions.ToJson(q) : null);

    public static Distance Distance(G.Distance d) => d switch
    {
        G.Distance.Cosine => Storage.Vectors.Distance.Cosine,
        G.Distance.Euclid => Storage.Vectors.Distance.Euclid,
        G.Distance.Dot => Storage.Vectors.Distance.Dot,
        G.Distance.Manhattan => Storage.Vectors.Distance.Manhattan,
        G.Distance.UnknownDistance => throw GrpcInput.Invalid("Malformed distance parameter: UnknownDistance"),
        var other => throw GrpcInput.Invalid($"Malformed distance parameter, unexpected value: {(int)other}"),
    };

    public static HnswConfigDiff Hnsw(G.HnswConfigDiff h) => new(
        h.HasM ? GrpcInput.Count(h.M, "hnsw_config.m") : null,
        h.HasEfConstruct ? GrpcInput.Count(h.EfConstruct, "hnsw_config.ef_construct") : null,
        h.HasFullScanThreshold ? GrpcInput.Count(h.FullScanThreshold, "hnsw_config.full_scan_threshold") : null,
        h.HasMaxIndexingThreads ? GrpcInput.Count(h.MaxIndexingThreads, "hnsw_config.max_indexing_threads") : null,
        h.HasOnDisk ? h.OnDisk : null,
        h.HasPayloadM ? GrpcInput.Count(h.PayloadM, "hnsw_config.payload_m") : null);

    public static WalConfigDiff Wal(G.WalConfigDiff w) => new(
        w.HasWalCapacityMb ? GrpcInput.Count(w.WalCapacityMb, "wal_config.wal_capacity_mb") : null,
        w.HasWalSegmentsAhead ? GrpcInput.Count(w.WalSegmentsAhead, "wal_config.wal_segments_ahead") : null,
        w.HasWalRetainClosed ? GrpcInput.Count(w.WalRetainClosed, "wal_config.wal_retain_closed") : null);

    public static OptimizersConfigDiff Optimizers(G.OptimizersConfigDiff o)
    {
        if (o.HasDeletedThreshold && !double.IsFinite(o.DeletedThreshold))
        {
            throw GrpcInput.Validation("optimizers_config.deleted_threshold", "must be a finite number");
        }

        return new OptimizersConfigDiff(
            o.HasDeletedThreshold ? o.DeletedThreshold : null,
            o.HasVacuumMinVectorNumber ? GrpcInput.Count(o.VacuumMinVectorNumber, "optimizers_config.vacuum_min_vector_number") : null,
            o.HasDefaultSegmentNumber ? GrpcInput.Count(o.DefaultSegmentNumber, "optimizers_config.default_segment_number") : null,
            o.HasMaxSegmentSize ? GrpcInput.Count(o.MaxSegmentSize, "optimizers_config.max_segment_size") : null,
            o.HasMemmapThreshold ? GrpcInput.Count(o.MemmapThreshold, "optimizers_config.memmap_threshold") : null,
            o.HasIndexingThreshold ? GrpcInput.Count(o.IndexingThreshold, "optimizers_config.indexing_threshold") : null,
            o.HasFlushIntervalSec ? o.FlushIntervalSec : null,
            MaxOptimizationThreads(o),
            o.HasPreventUnoptimized ? o.PreventUnoptimized : null);
    }

    public static CollectionParamsDiff Params(G.CollectionParamsDiff p) => new(
        p.HasReplicationFactor ? GrpcInput.Positive(p.ReplicationFactor, "params.replication_factor") : null,
        p.HasWriteConsistencyFactor ? GrpcInput.Positive(p.WriteConsistencyFactor, "params.write_consistency_factor") : null,
        p.HasReadFanOutFactor ? p.ReadFanOutFactor : null,
        p.HasReadFanOutDelayMs ? p.ReadFanOutDelayMs : null,
        p.HasOnDiskPayload ? p.OnDiskPayload : null);

    /// <summary>The deprecated plain number wins, as in Qdrant; <c>auto</c> is "not set", as for the REST string.</summary>
    private static int? MaxOptimizationThreads(G.OptimizersConfigDiff o)
    {
        if (o.HasDeprecatedMaxOptimizationThreads)
        {
            return GrpcInput.Count(o.DeprecatedMaxOptimizationThreads, "optimizers_config.max_optimization_threads");
        }

        return o.MaxOptimizationThreads?.VariantCase switch
        {
            null => null,
            G.MaxOptimizationThreads.VariantOneofCase.Value => GrpcInput.Count(o.MaxOptimizationThreads.Value, "optimizers_config.max_optimization_threads"),
            G.MaxOptimizationThreads.VariantOneofCase.Setting when o.MaxOptimizationThreads.Setting == G.MaxOptimizationThreads.Types.Setting.Auto => null,
            G.MaxOptimizationThreads.VariantOneofCase.Setting => throw GrpcInput.Invalid($"Invalid MaxOptimizationThreads setting: {(int)o.MaxOptimizationThreads.Setting}"),
            _ => throw GrpcInput.Invalid("Malformed MaxOptimizationThreads"),
        };
    }
}
