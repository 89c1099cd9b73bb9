using System.Text.Json;

namespace Citadel.Storage.Collections;

/// <summary>A <see cref="CollectionUpdate"/> (a PATCH's changes, not the resulting config) as JSON, for the Raft log.</summary>
internal static class CollectionUpdateJson
{
    public static void Write(Utf8JsonWriter w, CollectionUpdate u)
    {
        w.WriteStartObject();
        if (u.Vectors is { } vectors)
        {
            w.WriteStartObject("vectors");
            foreach (var (name, diff) in vectors)
            {
                w.WriteStartObject(name);
                if (diff.Hnsw is { } h)
                {
                    w.WritePropertyName("hnsw");
                    WriteHnsw(w, h);
                }

                Bool(w, "on_disk", diff.OnDisk);
                Raw(w, "quantization", diff.Quantization);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (u.Optimizers is { } o)
        {
            w.WriteStartObject("optimizers");
            Number(w, "deleted_threshold", o.DeletedThreshold);
            Number(w, "vacuum_min_vector_number", o.VacuumMinVectorNumber);
            Number(w, "default_segment_number", o.DefaultSegmentNumber);
            Number(w, "max_segment_size", o.MaxSegmentSize);
            Number(w, "memmap_threshold", o.MemmapThreshold);
            Number(w, "indexing_threshold", o.IndexingThreshold);
            Number(w, "flush_interval_sec", o.FlushIntervalSec);
            Number(w, "max_optimization_threads", o.MaxOptimizationThreads);
            Bool(w, "prevent_unoptimized", o.PreventUnoptimized);
            w.WriteEndObject();
        }

        if (u.Params is { } p)
        {
            w.WriteStartObject("params");
            Number(w, "replication_factor", p.ReplicationFactor);
            Number(w, "write_consistency_factor", p.WriteConsistencyFactor);
            Number(w, "read_fan_out_factor", p.ReadFanOutFactor);
            Number(w, "read_fan_out_delay_ms", p.ReadFanOutDelayMs);
            Bool(w, "on_disk_payload", p.OnDiskPayload);
            w.WriteEndObject();
        }

        if (u.Hnsw is { } hnsw)
        {
            w.WritePropertyName("hnsw");
            WriteHnsw(w, hnsw);
        }

        Raw(w, "quantization", u.Quantization);
        if (u.QuantizationDisabled)
        {
            w.WriteBoolean("quantization_disabled", true);
        }

        Raw(w, "strict_mode", u.StrictMode);
        Raw(w, "metadata", u.Metadata);
        w.WriteEndObject();
    }

    public static CollectionUpdate Read(JsonElement e)
    {
        Dictionary<string, VectorParamsDiff>? vectors = null;
        if (e.TryGetProperty("vectors", out var v))
        {
            vectors = new Dictionary<string, VectorParamsDiff>(StringComparer.Ordinal);
            foreach (var p in v.EnumerateObject())
            {
                vectors[p.Name] = new VectorParamsDiff(
                    p.Value.TryGetProperty("hnsw", out var h) ? ReadHnsw(h) : null,
                    OptBool(p.Value, "on_disk"),
                    OptRaw(p.Value, "quantization"));
            }
        }

        OptimizersConfigDiff? optimizers = null;
        if (e.TryGetProperty("optimizers", out var o))
        {
            optimizers = new OptimizersConfigDiff(
                o.TryGetProperty("deleted_threshold", out var dt) ? dt.GetDouble() : null,
                OptInt(o, "vacuum_min_vector_number"),
                OptInt(o, "default_segment_number"),
                OptInt(o, "max_segment_size"),
                OptInt(o, "memmap_threshold"),
                OptInt(o, "indexing_threshold"),
                o.TryGetProperty("flush_interval_sec", out var fi) ? fi.GetUInt64() : null,
                OptInt(o, "max_optimization_threads"),
                OptBool(o, "prevent_unoptimized"));
        }

        CollectionParamsDiff? parameters = null;
        if (e.TryGetProperty("params", out var pa))
        {
            parameters = new CollectionParamsDiff(
                pa.TryGetProperty("replication_factor", out var rf) ? rf.GetUInt32() : null,
                pa.TryGetProperty("write_consistency_factor", out var wc) ? wc.GetUInt32() : null,
                pa.TryGetProperty("read_fan_out_factor", out var ff) ? ff.GetUInt32() : null,
                pa.TryGetProperty("read_fan_out_delay_ms", out var fd) ? fd.GetUInt64() : null,
                OptBool(pa, "on_disk_payload"));
        }

        return new CollectionUpdate
        {
            Vectors = vectors,
            Optimizers = optimizers,
            Params = parameters,
            Hnsw = e.TryGetProperty("hnsw", out var hn) ? ReadHnsw(hn) : null,
            Quantization = OptRaw(e, "quantization"),
            QuantizationDisabled = OptBool(e, "quantization_disabled") ?? false,
            StrictMode = OptRaw(e, "strict_mode"),
            Metadata = OptRaw(e, "metadata"),
        };
    }

    private static void WriteHnsw(Utf8JsonWriter w, HnswConfigDiff h)
    {
        w.WriteStartObject();
        Number(w, "m", h.M);
        Number(w, "ef_construct", h.EfConstruct);
        Number(w, "full_scan_threshold", h.FullScanThreshold);
        Number(w, "max_indexing_threads", h.MaxIndexingThreads);
        Bool(w, "on_disk", h.OnDisk);
        Number(w, "payload_m", h.PayloadM);
        w.WriteEndObject();
    }

    private static HnswConfigDiff ReadHnsw(JsonElement h) => new(
        OptInt(h, "m"), OptInt(h, "ef_construct"), OptInt(h, "full_scan_threshold"), OptInt(h, "max_indexing_threads"), OptBool(h, "on_disk"), OptInt(h, "payload_m"));

    private static void Number(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x)
        {
            w.WriteNumber(name, x);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, long? v)
    {
        if (v is { } x)
        {
            w.WriteNumber(name, x);
        }
    }

    private static void Number(Utf8JsonWriter w, string name, ulong? v)
    {
        if (v is { } x)
        {
            w.WriteNumber(name, x);
        }
    }

    private static void Bool(Utf8JsonWriter w, string name, bool? v)
    {
        if (v is { } x)
        {
            w.WriteBoolean(name, x);
        }
    }

    private static void Raw(Utf8JsonWriter w, string name, JsonElement? v)
    {
        if (v is { } x)
        {
            w.WritePropertyName(name);
            x.WriteTo(w);
        }
    }

    private static int? OptInt(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetInt32() : null;

    private static bool? OptBool(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetBoolean() : null;

    private static JsonElement? OptRaw(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.Clone() : null;
}
