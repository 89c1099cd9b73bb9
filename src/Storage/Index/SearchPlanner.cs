using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Filtering;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index;

/// <summary>
/// Chooses between the HNSW graph and an exact scan for one segment, as Qdrant's HNSW index does
/// (<c>hnsw.rs</c>, <c>plain_vector_index.rs</c>): a scan whenever the vectors it would score stay under
/// <c>full_scan_threshold</c>, the graph otherwise.
/// </summary>
internal static class SearchPlanner
{
    /// <summary>
    /// True when an indexed segment should be searched through its graph. Unfiltered: when it holds at least the
    /// full-scan threshold of vectors. Filtered: when the estimated matches reach the threshold; a clear-cut estimate
    /// (whole interval on one side) decides outright, an ambiguous one by its expected value.
    /// </summary>
    public static bool UseGraph(Segment segment, VectorStore store, Filter? filter, VectorIndexSpec spec, IndexedFilter? indexed = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.M == 0)
        {
            return false;
        }

        var threshold = spec.FullScanVectors;
        var available = AvailableVectors(segment, store);
        if (filter is null)
        {
            return available >= threshold;
        }

        var estimate = Adjust(FilterCardinality.Estimate(segment, filter, indexed), segment, available);
        if (estimate.Max < threshold)
        {
            return false;
        }

        return estimate.Min > threshold || estimate.Expected >= threshold;
    }

    /// <summary>
    /// With <c>indexed_only</c>: true when an unindexed segment is small enough to search anyway, i.e. the vectors to
    /// scan (all, or at most the filter's estimated matches) fit in <paramref name="thresholdBytes"/>.
    /// </summary>
    public static bool SmallEnoughForUnindexed(Segment segment, VectorStore store, Filter? filter, long thresholdBytes, IndexedFilter? indexed = null)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(store);
        var available = AvailableVectors(segment, store);
        if (available == 0)
        {
            return true;
        }

        var vectorBytes = store.Dimension * (long)sizeof(float);
        var toScan = filter is null ? available : Adjust(FilterCardinality.Estimate(segment, filter, indexed), segment, available).Max;
        return toScan * vectorBytes <= thresholdBytes;
    }

    /// <summary>Live points that hold the vector (a lower bound when deleted points lacked it).</summary>
    public static long AvailableVectors(Segment segment, VectorStore store)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(store);
        return Math.Max(0, store.Count - segment.DeletedCount);
    }

    /// <summary>Scales a point estimate to points that have the vector (Qdrant's <c>adjust_to_available_vectors</c>).</summary>
    private static CardinalityEstimate Adjust(CardinalityEstimate points, Segment segment, long availableVectors)
    {
        long live = segment.LiveCount;
        if (live == 0 || availableVectors >= live)
        {
            return points;
        }

        var ratio = (double)availableVectors / live;
        return new CardinalityEstimate((long)(points.Min * ratio), (long)(points.Expected * ratio), (long)Math.Ceiling(points.Max * ratio));
    }
}
