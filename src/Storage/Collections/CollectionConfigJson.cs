using System.Text.Json;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Collections;

/// <summary>
/// Reads and writes <see cref="CollectionConfig"/> in Qdrant's JSON shape. It is the on-disk format of a
/// collection's <c>config.json</c>, and the node reuses it to render <c>config</c> in collection info.
/// </summary>
public static class CollectionConfigJson
{
    /// <summary>Writes the config object.</summary>
    public static void Write(Utf8JsonWriter w, CollectionConfig config)
    {
        w.WriteStartObject();
        w.WritePropertyName("params");
        WriteParams(w, config.Params);
        w.WritePropertyName("hnsw_config");
        WriteHnsw(w, config.Hnsw);
        w.WritePropertyName("optimizer_config");
        WriteOptimizers(w, config.Optimizers);
        w.WritePropertyName("wal_config");
        w.WriteStartObject();
        w.WriteNumber("wal_capacity_mb", config.Wal.WalCapacityMb);
        w.WriteNumber("wal_segments_ahead", config.Wal.WalSegmentsAhead);
        if (config.Wal.WalRetainClosed is { } retain)
        {
            w.WriteNumber("wal_retain_closed", retain);
        }

        w.WriteEndObject();
        WriteRaw(w, "quantization_config", config.Quantization, writeNull: true);
        if (config.StrictMode is { } strict)
        {
            WriteRaw(w, "strict_mode_config", strict, writeNull: false);
        }
        else
        {
            w.WritePropertyName("strict_mode_config");
            w.WriteStartObject();
            w.WriteBoolean("enabled", false);
            w.WriteEndObject();
        }

        WriteRaw(w, "metadata", config.Metadata, writeNull: false);
        w.WriteEndObject();
    }

    /// <summary>Writes Qdrant's <c>VectorParams</c>.</summary>
    public static void WriteVectorParams(Utf8JsonWriter w, VectorParams p)
    {
        w.WriteStartObject();
        w.WriteNumber("size", p.Size);
        w.WriteString("distance", p.Distance.ToString());
        if (p.HnswConfig is { } h)
        {
            w.WritePropertyName("hnsw_config");
            w.WriteStartObject();
            WriteOptional(w, "m", h.M);
            WriteOptional(w, "ef_construct", h.EfConstruct);
            WriteOptional(w, "full_scan_threshold", h.FullScanThreshold);
            WriteOptional(w, "max_indexing_threads", h.MaxIndexingThreads);
            if (h.OnDisk is { } od)
            {
                w.WriteBoolean("on_disk", od);
            }

            WriteOptional(w, "payload_m", h.PayloadM);
            w.WriteEndObject();
        }

        WriteRaw(w, "quantization_config", p.QuantizationConfig, writeNull: false);
        if (p.OnDisk is { } onDisk)
        {
            w.WriteBoolean("on_disk", onDisk);
        }

        if (p.Datatype is { } dt)
        {
            w.WriteString("datatype", dt);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes Qdrant's <c>HnswConfig</c>.</summary>
    public static void WriteHnsw(Utf8JsonWriter w, HnswConfig h)
    {
        w.WriteStartObject();
        w.WriteNumber("m", h.M);
        w.WriteNumber("ef_construct", h.EfConstruct);
        w.WriteNumber("full_scan_threshold", h.FullScanThreshold);
        w.WriteNumber("max_indexing_threads", h.MaxIndexingThreads);
        w.WriteBoolean("on_disk", h.OnDisk ?? false);
        WriteOptional(w, "payload_m", h.PayloadM);
        w.WriteEndObject();
    }

    /// <summary>Reads a config written by <see cref="Write"/>.</summary>
    public static CollectionConfig Read(JsonElement e)
    {
        var p = e.GetProperty("params");
        var h = e.GetProperty("hnsw_config");
        var o = e.GetProperty("optimizer_config");
        var wal = e.GetProperty("wal_config");
        var vectors = new Dictionary<string, VectorParams>(StringComparer.Ordinal);
        var named = false;
        var v = p.GetProperty("vectors");
        if (v.TryGetProperty("size", out _) && v.TryGetProperty("distance", out _))
        {
            vectors[string.Empty] = ReadVectorParams(v);
        }
        else
        {
            named = true;
            foreach (var prop in v.EnumerateObject())
            {
                vectors[prop.Name] = ReadVectorParams(prop.Value);
            }
        }

        return new CollectionConfig
        {
            Params = new CollectionParams
            {
                Vectors = vectors,
                NamedVectors = named,
                ShardNumber = p.GetProperty("shard_number").GetUInt32(),
                ShardingMethod = OptString(p, "sharding_method") ?? "auto",
                ReplicationFactor = p.GetProperty("replication_factor").GetUInt32(),
                WriteConsistencyFactor = p.GetProperty("write_consistency_factor").GetUInt32(),
                ReadFanOutFactor = OptUInt(p, "read_fan_out_factor"),
                ReadFanOutDelayMs = OptULong(p, "read_fan_out_delay_ms"),
                OnDiskPayload = p.TryGetProperty("on_disk_payload", out var odp) && odp.ValueKind == JsonValueKind.True,
                SparseVectors = OptRaw(p, "sparse_vectors"),
            },
            Hnsw = new HnswConfig(
                h.GetProperty("m").GetInt32(),
                h.GetProperty("ef_construct").GetInt32(),
                h.GetProperty("full_scan_threshold").GetInt32(),
                OptInt(h, "max_indexing_threads") ?? 0,
                OptBool(h, "on_disk"),
                OptInt(h, "payload_m")),
            Optimizers = new OptimizersConfig(
                o.GetProperty("deleted_threshold").GetDouble(),
                o.GetProperty("vacuum_min_vector_number").GetInt32(),
                o.GetProperty("default_segment_number").GetInt32(),
                OptInt(o, "max_segment_size"),
                OptInt(o, "memmap_threshold"),
                OptInt(o, "indexing_threshold"),
                o.GetProperty("flush_interval_sec").GetUInt64(),
                OptInt(o, "max_optimization_threads"),
                OptBool(o, "prevent_unoptimized")),
            Wal = new WalConfig(wal.GetProperty("wal_capacity_mb").GetInt32(), wal.GetProperty("wal_segments_ahead").GetInt32(), OptInt(wal, "wal_retain_closed")),
            Quantization = OptRaw(e, "quantization_config"),
            StrictMode = OptRaw(e, "strict_mode_config"),
            Metadata = OptRaw(e, "metadata"),
        };
    }

    private static VectorParams ReadVectorParams(JsonElement v)
    {
        HnswConfigDiff? hnsw = null;
        if (v.TryGetProperty("hnsw_config", out var h) && h.ValueKind == JsonValueKind.Object)
        {
            hnsw = new HnswConfigDiff(OptInt(h, "m"), OptInt(h, "ef_construct"), OptInt(h, "full_scan_threshold"), OptInt(h, "max_indexing_threads"), OptBool(h, "on_disk"), OptInt(h, "payload_m"));
        }

        return new VectorParams(v.GetProperty("size").GetInt32(), Enum.Parse<Distance>(v.GetProperty("distance").GetString()!))
        {
            HnswConfig = hnsw,
            OnDisk = OptBool(v, "on_disk"),
            Datatype = OptString(v, "datatype"),
            QuantizationConfig = OptRaw(v, "quantization_config"),
        };
    }

    private static void WriteParams(Utf8JsonWriter w, CollectionParams p)
    {
        w.WriteStartObject();
        w.WritePropertyName("vectors");
        if (!p.NamedVectors && p.Vectors.TryGetValue(string.Empty, out var single))
        {
            WriteVectorParams(w, single);
        }
        else
        {
            w.WriteStartObject();
            foreach (var (name, vp) in p.Vectors.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.WritePropertyName(name);
                WriteVectorParams(w, vp);
            }

            w.WriteEndObject();
        }

        w.WriteNumber("shard_number", p.ShardNumber);
        if (p.ShardingMethod != "auto")
        {
            w.WriteString("sharding_method", p.ShardingMethod);
        }

        w.WriteNumber("replication_factor", p.ReplicationFactor);
        w.WriteNumber("write_consistency_factor", p.WriteConsistencyFactor);
        if (p.ReadFanOutFactor is { } rf)
        {
            w.WriteNumber("read_fan_out_factor", rf);
        }

        if (p.ReadFanOutDelayMs is { } rd)
        {
            w.WriteNumber("read_fan_out_delay_ms", rd);
        }

        w.WriteBoolean("on_disk_payload", p.OnDiskPayload);
        WriteRaw(w, "sparse_vectors", p.SparseVectors, writeNull: false);
        w.WriteEndObject();
    }

    private static void WriteOptimizers(Utf8JsonWriter w, OptimizersConfig o)
    {
        w.WriteStartObject();
        w.WriteNumber("deleted_threshold", o.DeletedThreshold);
        w.WriteNumber("vacuum_min_vector_number", o.VacuumMinVectorNumber);
        w.WriteNumber("default_segment_number", o.DefaultSegmentNumber);
        WriteNullable(w, "max_segment_size", o.MaxSegmentSize);
        WriteNullable(w, "memmap_threshold", o.MemmapThreshold);
        WriteNullable(w, "indexing_threshold", o.IndexingThreshold);
        w.WriteNumber("flush_interval_sec", o.FlushIntervalSec);
        WriteNullable(w, "max_optimization_threads", o.MaxOptimizationThreads);
        if (o.PreventUnoptimized is { } pu)
        {
            w.WriteBoolean("prevent_unoptimized", pu);
        }

        w.WriteEndObject();
    }

    private static void WriteRaw(Utf8JsonWriter w, string name, JsonElement? value, bool writeNull)
    {
        if (value is { } v && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            w.WritePropertyName(name);
            v.WriteTo(w);
        }
        else if (writeNull)
        {
            w.WriteNull(name);
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static int? OptInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static uint? OptUInt(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetUInt32() : null;

    private static ulong? OptULong(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : null;

    private static bool? OptBool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static string? OptString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static JsonElement? OptRaw(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v.Clone() : null;
}
