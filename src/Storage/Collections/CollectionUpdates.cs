using System.Text.Json;
using System.Text.Json.Nodes;
using Citadel.Common.Errors;

namespace Citadel.Storage.Collections;

/// <summary>Applies a <see cref="CollectionUpdate"/> to a configuration, the way Qdrant's PATCH does.</summary>
internal static class CollectionUpdates
{
    public static CollectionConfig Apply(CollectionConfig config, CollectionUpdate update)
    {
        var vectors = new Dictionary<string, VectorParams>(config.Params.Vectors, StringComparer.Ordinal);
        foreach (var (name, diff) in update.Vectors ?? new Dictionary<string, VectorParamsDiff>())
        {
            if (!vectors.TryGetValue(name, out var v))
            {
                throw CitadelException.BadInput($"Not existing vector name error: {name}");
            }

            vectors[name] = v with
            {
                HnswConfig = Merge(v.HnswConfig, diff.Hnsw),
                OnDisk = diff.OnDisk ?? v.OnDisk,
                QuantizationConfig = diff.Quantization ?? v.QuantizationConfig,
            };
        }

        var p = config.Params;
        var pd = update.Params;
        return config with
        {
            Params = p with
            {
                Vectors = vectors,
                ReplicationFactor = pd?.ReplicationFactor ?? p.ReplicationFactor,
                WriteConsistencyFactor = pd?.WriteConsistencyFactor ?? p.WriteConsistencyFactor,
                ReadFanOutFactor = pd?.ReadFanOutFactor ?? p.ReadFanOutFactor,
                ReadFanOutDelayMs = pd?.ReadFanOutDelayMs ?? p.ReadFanOutDelayMs,
                OnDiskPayload = pd?.OnDiskPayload ?? p.OnDiskPayload,
            },
            Hnsw = config.Hnsw.With(update.Hnsw),
            Optimizers = config.Optimizers.With(update.Optimizers),
            Quantization = update.QuantizationDisabled ? null : update.Quantization ?? config.Quantization,
            StrictMode = MergeObjects(config.StrictMode, update.StrictMode),
            Metadata = MergeObjects(config.Metadata, update.Metadata),
        };
    }

    private static HnswConfigDiff? Merge(HnswConfigDiff? current, HnswConfigDiff? diff) => diff is null ? current : new HnswConfigDiff(
        diff.M ?? current?.M,
        diff.EfConstruct ?? current?.EfConstruct,
        diff.FullScanThreshold ?? current?.FullScanThreshold,
        diff.MaxIndexingThreads ?? current?.MaxIndexingThreads,
        diff.OnDisk ?? current?.OnDisk,
        diff.PayloadM ?? current?.PayloadM);

    /// <summary>Shallow merge of two JSON objects; keys of <paramref name="patch"/> win.</summary>
    private static JsonElement? MergeObjects(JsonElement? current, JsonElement? patch)
    {
        if (patch is not { ValueKind: JsonValueKind.Object } p)
        {
            return current;
        }

        var merged = current is { ValueKind: JsonValueKind.Object } c ? (JsonObject)JsonNode.Parse(c.GetRawText(), documentOptions: Payloads.PayloadJson.DocumentOptions)! : [];
        foreach (var prop in p.EnumerateObject())
        {
            merged[prop.Name] = JsonNode.Parse(prop.Value.GetRawText(), documentOptions: Payloads.PayloadJson.DocumentOptions);
        }

        return JsonSerializer.SerializeToElement(merged, Payloads.PayloadJson.SerializerOptions);
    }
}
