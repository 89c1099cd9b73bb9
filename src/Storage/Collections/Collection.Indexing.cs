using Citadel.Storage.Index;

namespace Citadel.Storage.Collections;

public sealed partial class Collection
{
    /// <summary>Qdrant's default <c>indexing_threshold</c> (KB) when the config leaves it unset.</summary>
    internal const int DefaultIndexingThresholdKb = 10_000;

    /// <summary>Vectors covered by ready HNSW indexes (Qdrant's <c>indexed_vectors_count</c>).</summary>
    public long IndexedVectorsCount => _shards.Sum(s => s.IndexedVectorCount);

    /// <summary>True while some sealed segment waits for or is getting an index: Qdrant reports the collection yellow.</summary>
    public bool IndexingPending => _shards.Any(s => s.IndexingPending);

    /// <summary>Index settings for the shards: per-vector <c>hnsw_config</c> over the collection's, as Qdrant merges them.</summary>
    private static IndexingOptions IndexingOptionsFor(CollectionConfig config)
    {
        var thresholdKb = config.Optimizers.IndexingThreshold ?? DefaultIndexingThresholdKb;
        var vectors = new Dictionary<string, VectorIndexSpec>(StringComparer.Ordinal);
        foreach (var (name, p) in config.Params.Vectors)
        {
            var hnsw = config.Hnsw.With(p.HnswConfig);
            vectors[name] = new VectorIndexSpec(p.Distance, p.Size, hnsw.M, hnsw.EfConstruct, hnsw.FullScanThreshold, hnsw.MaxIndexingThreads);
        }

        return new IndexingOptions(
            ThresholdBytes: thresholdKb * 1024L,
            SearchOptimizedThresholdBytes: Math.Max(thresholdKb, config.Hnsw.FullScanThreshold) * 1024L,
            Vectors: vectors);
    }
}
