using Citadel.Storage.Filtering;
using Citadel.Storage.Index;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Search;
using Citadel.Storage.Segments;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Shards;

/// <summary>
/// Searching one segment: through its HNSW graph when it has one and the planner prefers it, otherwise by exact scan.
/// Both paths score the hits they keep with the same kernel, so scores do not depend on the path taken.
/// </summary>
public sealed partial class Shard
{
    /// <summary>Offers the segment's best matches to <paramref name="heap"/>; caller holds the read lock.</summary>
    private static void SearchSegment(Segment segment, VectorStore store, string vectorName, float[] query, Distance distance, IndexedFilter? prepared, int top, float? scoreThreshold, SearchParams searchParams, IndexingOptions indexing, TopK<PointLocation> heap)
    {
        var filter = prepared?.Filter;
        var spec = indexing.Vectors.GetValueOrDefault(vectorName);
        var index = searchParams.Exact ? null : segment.Indexes.Get(vectorName);
        if (index is not null && spec is not null && SearchPlanner.UseGraph(segment, store, filter, spec, prepared))
        {
            var ef = searchParams.HnswEf ?? index.Parameters.EfConstruct;
            var want = Math.Min(top, Math.Max(1, index.IndexedCount));
            var hits = filter is null
                ? GraphSearch(index, query, want, ef, new LiveOffsetFilter(segment))
                : GraphSearch(index, query, want, ef, new LiveMatchingOffsets(segment, prepared!));
            foreach (var hit in hits)
            {
                Consider(segment, store, hit.Node, query, distance, scoreThreshold, heap);
            }

            return;
        }

        if (searchParams.IndexedOnly && segment.Indexes.Get(vectorName) is null
            && !SearchPlanner.SmallEnoughForUnindexed(segment, store, filter, indexing.SearchOptimizedThresholdBytes, prepared))
        {
            // indexed_only: a big segment still waiting for its index is left out rather than scanned slowly (also
            // with exact, as in Qdrant, where the plain index checks indexed_only first).
            return;
        }

        // Live points that match: the payload indexes narrow the offsets, the evaluator checks each one.
        foreach (var o in MatchingOffsets(segment, prepared))
        {
            if (store.Has(o))
            {
                Consider(segment, store, o, query, distance, scoreThreshold, heap);
            }
        }
    }

    private static ScoredNode[] GraphSearch<TFilter>(HnswIndex index, float[] query, int top, int ef, TFilter filter)
        where TFilter : struct, IOffsetFilter => index.Search(query, top, ef, ref filter, null);

    private static void Consider(Segment segment, VectorStore store, int offset, float[] query, Distance distance, float? scoreThreshold, TopK<PointLocation> heap)
    {
        var score = distance.Score(query, store.Get(offset));
        if (scoreThreshold is { } t && !distance.PassesThreshold(score, t))
        {
            return;
        }

        var similarity = distance.Similarity(score);
        if (similarity < heap.Threshold)
        {
            return;
        }

        heap.Offer(similarity, TieKey(segment.IdAt(offset)), new PointLocation(segment, offset));
    }

    /// <summary>Live (not deleted) offsets: deleted points are traversed by the graph but never returned.</summary>
    private readonly struct LiveOffsetFilter(Segment segment) : IOffsetFilter
    {
        public bool Accepts(int offset) => !segment.IsDeleted(offset);
    }

    /// <summary>Live offsets whose point matches the filter; evaluated only for nodes close enough to be results.</summary>
    private readonly struct LiveMatchingOffsets(Segment segment, IndexedFilter filter) : IOffsetFilter
    {
        public bool Accepts(int offset) => !segment.IsDeleted(offset) && filter.Matches(segment, offset);
    }
}
