using Citadel.Storage.Segments;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// The HNSW index of one named vector of one sealed segment: the graph, the vectors it was built over, and how it
/// compares them. Sealed data never changes, so the index stays valid for the segment's life; deletions are applied
/// at search time from the segment's deleted set.
/// </summary>
internal sealed class HnswIndex
{
    private readonly VectorView _vectors;

    internal HnswIndex(long segmentId, string vectorName, Distance distance, VectorStore store, HnswGraph graph)
    {
        SegmentId = segmentId;
        VectorName = vectorName;
        Distance = distance;
        Graph = graph;
        _vectors = new VectorView(store);
    }

    public long SegmentId { get; }

    public string VectorName { get; }

    public Distance Distance { get; }

    public HnswGraph Graph { get; }

    public HnswParameters Parameters => Graph.Parameters;

    /// <summary>Vectors in the graph.</summary>
    public int IndexedCount => Graph.IndexedCount;

    /// <summary>The file holding this index in the current manifest; null until a checkpoint writes it.</summary>
    public string? File { get; set; }

    /// <summary>
    /// Builds the index over the vectors of <paramref name="segment"/> named <paramref name="vectorName"/>, leaving out
    /// points in <paramref name="deleted"/> (as Qdrant does: they can never be returned again).
    /// </summary>
    public static HnswIndex Build(Segment segment, string vectorName, Distance distance, BitSet deleted, HnswParameters parameters, int threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(deleted);
        var store = segment.Vectors[vectorName];
        var count = segment.Count;
        var nodes = new List<int>(count);
        for (var o = 0; o < count; o++)
        {
            if (store.Has(o) && !deleted.Get(o))
            {
                nodes.Add(o);
            }
        }

        var view = new VectorView(store);
        var seed = unchecked((int)segment.Id * 31) ^ 0x5EED;
        var order = nodes.ToArray();
        var graph = distance switch
        {
            Distance.Cosine or Distance.Dot => new HnswGraphBuilder<DotSimilarity>(view, count, parameters, order, seed).Build(threads, cancellationToken),
            Distance.Euclid => new HnswGraphBuilder<EuclidSimilarity>(view, count, parameters, order, seed).Build(threads, cancellationToken),
            Distance.Manhattan => new HnswGraphBuilder<ManhattanSimilarity>(view, count, parameters, order, seed).Build(threads, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(distance)),
        };
        return new HnswIndex(segment.Id, vectorName, distance, store, graph);
    }

    /// <summary>
    /// The (up to) <paramref name="top"/> closest offsets that are not deleted and pass <paramref name="filter"/>,
    /// best first, with similarities (larger is closer; negated distance for Euclid and Manhattan).
    /// </summary>
    public ScoredNode[] Search<TFilter>(ReadOnlySpan<float> query, int top, int ef, ref TFilter filter, BitSet? deleted)
        where TFilter : struct, IOffsetFilter => Distance switch
    {
        Distance.Cosine or Distance.Dot => Graph.Search<DotSimilarity, TFilter>(query, _vectors, top, ef, ref filter, deleted),
        Distance.Euclid => Graph.Search<EuclidSimilarity, TFilter>(query, _vectors, top, ef, ref filter, deleted),
        Distance.Manhattan => Graph.Search<ManhattanSimilarity, TFilter>(query, _vectors, top, ef, ref filter, deleted),
        _ => throw new InvalidOperationException($"Unknown distance {Distance}"),
    };
}
