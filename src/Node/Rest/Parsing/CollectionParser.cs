using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Collections;
using Citadel.Storage.Vectors;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads collection create/update bodies and alias actions.</summary>
internal static class CollectionParser
{
    public static CreateCollectionRequest Create(JNode body)
    {
        body.Object("vectors", "shard_number", "sharding_method", "replication_factor", "write_consistency_factor", "on_disk_payload", "payload",
            "hnsw_config", "wal_config", "optimizers_config", "quantization_config", "sparse_vectors", "strict_mode_config", "metadata");
        var (vectors, named) = body.Optional("vectors") is { } v ? Vectors(v) : (new Dictionary<string, VectorParams>(), true);
        var sharding = body.Optional("sharding_method")?.String();
        if (sharding is not (null or "auto"))
        {
            throw sharding == "custom"
                ? new CitadelException(ErrorKind.Unimplemented, "Custom sharding is not implemented yet")
                : body.InvalidValue($"sharding_method: unknown variant `{sharding}`, expected `auto` or `custom`");
        }

        if (body.Has("sparse_vectors"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, "Sparse vectors are not implemented yet");
        }

        return new CreateCollectionRequest
        {
            Vectors = vectors,
            NamedVectors = named,
            ShardNumber = Positive(body.Optional("shard_number")),
            ShardingMethod = sharding,
            ReplicationFactor = Positive(body.Optional("replication_factor")),
            WriteConsistencyFactor = Positive(body.Optional("write_consistency_factor")),
            OnDiskPayload = body.Optional("on_disk_payload")?.Bool(),
            Hnsw = body.Optional("hnsw_config") is { } h ? Hnsw(h) : null,
            Wal = body.Optional("wal_config") is { } w ? Wal(w) : null,
            Optimizers = body.Optional("optimizers_config") is { } o ? Optimizers(o) : null,
            Quantization = Raw(body.Optional("quantization_config")),
            StrictMode = Raw(body.Optional("strict_mode_config")),
            Metadata = Object(body.Optional("metadata")),
        };
    }

    public static CollectionUpdate Update(JNode body)
    {
        body.Object("vectors", "optimizers_config", "params", "hnsw_config", "quantization_config", "sparse_vectors", "strict_mode_config", "metadata");
        if (body.Has("sparse_vectors"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, "Sparse vectors are not implemented yet");
        }

        Dictionary<string, VectorParamsDiff>? vectors = null;
        if (body.Optional("vectors") is { } v)
        {
            vectors = [];
            foreach (var (name, diff) in v.Properties())
            {
                diff.Object("hnsw_config", "quantization_config", "on_disk", "memory");
                vectors[name] = new VectorParamsDiff(diff.Optional("hnsw_config") is { } h ? Hnsw(h) : null, diff.Optional("on_disk")?.Bool(), Raw(diff.Optional("quantization_config")));
            }
        }

        CollectionParamsDiff? p = null;
        if (body.Optional("params") is { } pn)
        {
            pn.Object("replication_factor", "write_consistency_factor", "read_fan_out_factor", "read_fan_out_delay_ms", "on_disk_payload", "payload");
            p = new CollectionParamsDiff(Positive(pn.Optional("replication_factor")), Positive(pn.Optional("write_consistency_factor")), pn.Optional("read_fan_out_factor")?.UInt32(), pn.Optional("read_fan_out_delay_ms")?.UInt64(), pn.Optional("on_disk_payload")?.Bool());
        }

        var quantization = body.Optional("quantization_config");
        var disabled = quantization is { Kind: JsonValueKind.String } q && q.String() == "Disabled";
        return new CollectionUpdate
        {
            Vectors = vectors,
            Optimizers = body.Optional("optimizers_config") is { } o ? Optimizers(o) : null,
            Params = p,
            Hnsw = body.Optional("hnsw_config") is { } h2 ? Hnsw(h2) : null,
            Quantization = disabled ? null : Raw(quantization),
            QuantizationDisabled = disabled,
            StrictMode = Object(body.Optional("strict_mode_config")),
            Metadata = Object(body.Optional("metadata")),
        };
    }

    public static List<AliasAction> Aliases(JNode body)
    {
        body.Object("actions");
        return body.Required("actions").Items().Select(a =>
        {
            if (a.Optional("create_alias") is { } c)
            {
                a.Object("create_alias");
                c.Object("collection_name", "alias_name");
                return (AliasAction)new CreateAlias(c.Required("collection_name").String(), c.Required("alias_name").String());
            }

            if (a.Optional("delete_alias") is { } d)
            {
                a.Object("delete_alias");
                d.Object("alias_name");
                return new DeleteAlias(d.Required("alias_name").String());
            }

            if (a.Optional("rename_alias") is { } r)
            {
                a.Object("rename_alias");
                r.Object("old_alias_name", "new_alias_name");
                return new RenameAlias(r.Required("old_alias_name").String(), r.Required("new_alias_name").String());
            }

            throw a.InvalidValue("expected one of `create_alias`, `delete_alias`, `rename_alias`");
        }).ToList();
    }

    private static (Dictionary<string, VectorParams> Vectors, bool Named) Vectors(JNode node)
    {
        if (node.Has("size") || node.Has("distance"))
        {
            return (new Dictionary<string, VectorParams>(StringComparer.Ordinal) { [string.Empty] = VectorParamsOf(node) }, false);
        }

        var map = new Dictionary<string, VectorParams>(StringComparer.Ordinal);
        foreach (var (name, v) in node.Properties())
        {
            map[name] = VectorParamsOf(v);
        }

        return (map, true);
    }

    private static VectorParams VectorParamsOf(JNode node)
    {
        node.Object("size", "distance", "hnsw_config", "quantization_config", "on_disk", "memory", "datatype", "multivector_config");
        if (node.Has("multivector_config"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, "Multivectors are not implemented yet");
        }

        var datatype = node.Optional("datatype")?.String();
        if (datatype is not (null or "float32"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, $"Vector datatype `{datatype}` is not implemented yet; use float32");
        }

        var sizeNode = node.Required("size");
        var size = sizeNode.Kind == JsonValueKind.Number && sizeNode.Element.TryGetInt64(out var s) ? s : throw sizeNode.Invalid("u64");
        if (size is < 1 or > VectorParams.MaxSize)
        {
            throw CitadelException.Validation($"vectors.size: value {size} invalid, must be from 1 to {VectorParams.MaxSize}");
        }

        return new VectorParams((int)size, Distance(node.Required("distance")))
        {
            HnswConfig = node.Optional("hnsw_config") is { } h ? Hnsw(h) : null,
            OnDisk = node.Optional("on_disk")?.Bool(),
            Datatype = datatype,
            QuantizationConfig = Raw(node.Optional("quantization_config")),
        };
    }

    private static Distance Distance(JNode node) => node.String() switch
    {
        "Cosine" => Storage.Vectors.Distance.Cosine,
        "Euclid" => Storage.Vectors.Distance.Euclid,
        "Dot" => Storage.Vectors.Distance.Dot,
        "Manhattan" => Storage.Vectors.Distance.Manhattan,
        var other => throw node.InvalidValue($"unknown variant `{other}`, expected one of `Cosine`, `Euclid`, `Dot`, `Manhattan`"),
    };

    private static HnswConfigDiff Hnsw(JNode node)
    {
        node.Object("m", "ef_construct", "full_scan_threshold", "max_indexing_threads", "on_disk", "memory", "payload_m", "inline_storage");
        return new HnswConfigDiff(node.Optional("m")?.Count(), node.Optional("ef_construct")?.Count(), node.Optional("full_scan_threshold")?.Count(), node.Optional("max_indexing_threads")?.Count(), node.Optional("on_disk")?.Bool(), node.Optional("payload_m")?.Count());
    }

    private static WalConfigDiff Wal(JNode node)
    {
        node.Object("wal_capacity_mb", "wal_segments_ahead", "wal_retain_closed");
        return new WalConfigDiff(node.Optional("wal_capacity_mb")?.Count(), node.Optional("wal_segments_ahead")?.Count(), node.Optional("wal_retain_closed")?.Count());
    }

    private static OptimizersConfigDiff Optimizers(JNode node)
    {
        node.Object("deleted_threshold", "vacuum_min_vector_number", "default_segment_number", "max_segment_size", "memmap_threshold", "indexing_threshold", "flush_interval_sec", "max_optimization_threads", "prevent_unoptimized");
        int? threads = node.Optional("max_optimization_threads") is { } t && t.Kind != JsonValueKind.String ? t.Count() : null;
        return new OptimizersConfigDiff(
            node.Optional("deleted_threshold")?.Double(),
            node.Optional("vacuum_min_vector_number")?.Count(),
            node.Optional("default_segment_number")?.Count(),
            node.Optional("max_segment_size")?.Count(),
            node.Optional("memmap_threshold")?.Count(),
            node.Optional("indexing_threshold")?.Count(),
            node.Optional("flush_interval_sec")?.UInt64(),
            threads,
            node.Optional("prevent_unoptimized")?.Bool());
    }

    private static uint? Positive(JNode? node)
    {
        if (node is not { } n)
        {
            return null;
        }

        var v = n.UInt32();
        return v >= 1 ? v : throw CitadelException.Validation($"{n.Path}: value 0 invalid, must be 1 or more");
    }

    private static JsonElement? Raw(JNode? node) => node is { } n ? n.Element.Clone() : null;

    private static JsonElement? Object(JNode? node) => node is { } n ? (n.Kind == JsonValueKind.Object ? n.Element.Clone() : throw n.Invalid("a map")) : null;
}
