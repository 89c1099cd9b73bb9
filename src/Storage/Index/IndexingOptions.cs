using Citadel.Storage.Vectors;

namespace Citadel.Storage.Index;

/// <summary>
/// How a shard indexes its sealed segments and plans searches over them, derived from the collection's
/// <c>optimizers_config</c> and <c>hnsw_config</c> (per-vector <c>hnsw_config</c> overriding the collection's).
/// </summary>
/// <param name="ThresholdBytes">A sealed segment whose largest named vector holds at least this many bytes of live
/// vectors gets HNSW indexes (<c>indexing_threshold</c>); 0 disables indexing.</param>
/// <param name="SearchOptimizedThresholdBytes">With <c>indexed_only</c>, an unindexed segment is still searched when the
/// vectors to scan stay within this size (Qdrant: max of <c>indexing_threshold</c> and <c>full_scan_threshold</c>).</param>
/// <param name="Vectors">Index settings per vector name.</param>
public sealed record IndexingOptions(long ThresholdBytes, long SearchOptimizedThresholdBytes, IReadOnlyDictionary<string, VectorIndexSpec> Vectors)
{
    /// <summary>No indexing, no planning: every search is an exact scan (what bare shard tests get).</summary>
    public static readonly IndexingOptions Disabled = new(0, long.MaxValue, new Dictionary<string, VectorIndexSpec>(StringComparer.Ordinal));

    /// <summary>True when sealed segments may be indexed at all.</summary>
    public bool Enabled => ThresholdBytes > 0;
}

/// <summary>The resolved HNSW settings of one named vector.</summary>
/// <param name="Distance">How the vector is compared.</param>
/// <param name="Dimension">Floats per vector.</param>
/// <param name="M">Links per node; 0 means no graph (exact search only), as in Qdrant.</param>
/// <param name="EfConstruct">Build beam width; also the default search beam (Qdrant's <c>ef</c> = <c>ef_construct</c>).</param>
/// <param name="FullScanThresholdKb">Below this many KB of vectors to score, an exact scan beats the graph.</param>
/// <param name="MaxIndexingThreads">Build threads; 0 = every core.</param>
public sealed record VectorIndexSpec(Distance Distance, int Dimension, int M, int EfConstruct, int FullScanThresholdKb, int MaxIndexingThreads)
{
    /// <summary>Bytes one vector occupies.</summary>
    public long VectorBytes => Dimension * (long)sizeof(float);

    /// <summary><see cref="FullScanThresholdKb"/> as a number of vectors (Qdrant's <c>full_scan_threshold</c> in the graph config).</summary>
    public long FullScanVectors => FullScanThresholdKb * 1024L / Math.Max(1, VectorBytes);

    /// <summary>Threads to build with.</summary>
    public int BuildThreads => MaxIndexingThreads > 0 ? Math.Min(MaxIndexingThreads, 64) : Environment.ProcessorCount;
}
