using System.Runtime.CompilerServices;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// The layers of an HNSW graph over a segment's offsets, immutable once built. Neighbour lists are stored
/// contiguously: layer 0 as one <c>int</c> array with a fixed slot of <c>1 + M0</c> ints per offset (count, then
/// links), the upper layers as blocks of <c>1 + M</c> ints for only the nodes that reach them. Offsets without a
/// vector (or deleted before the build) have level -1 and no links.
/// </summary>
internal sealed class HnswGraph
{
    internal HnswGraph(int nodeCount, HnswParameters parameters, sbyte[] levels, int[] level0, int[] upperStart, int[] upper, int entryPoint, int maxLevel, int indexedCount)
    {
        NodeCount = nodeCount;
        Parameters = parameters;
        Levels = levels;
        Level0 = level0;
        UpperStart = upperStart;
        Upper = upper;
        EntryPoint = entryPoint;
        MaxLevel = maxLevel;
        IndexedCount = indexedCount;
    }

    /// <summary>Offsets covered (the segment's offset count at build time).</summary>
    public int NodeCount { get; }

    public HnswParameters Parameters { get; }

    /// <summary>Top layer of each offset; -1 when the offset is not in the graph.</summary>
    public sbyte[] Levels { get; }

    /// <summary>Layer 0: <c>1 + M0</c> ints per offset.</summary>
    public int[] Level0 { get; }

    /// <summary>Where an offset's upper-layer blocks start in <see cref="Upper"/>; -1 for level-0 nodes.</summary>
    public int[] UpperStart { get; }

    /// <summary>Layers 1..level of every node that reaches them: <c>1 + M</c> ints per layer.</summary>
    public int[] Upper { get; }

    /// <summary>A node on the top layer, where every search starts; -1 for an empty graph.</summary>
    public int EntryPoint { get; }

    public int MaxLevel { get; }

    /// <summary>Number of nodes in the graph (Qdrant's indexed vector count).</summary>
    public int IndexedCount { get; }

    /// <summary>The links of <paramref name="node"/> on <paramref name="level"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<int> Links(int node, int level)
    {
        if (level == 0)
        {
            var slot = node * (Parameters.M0 + 1);
            return Level0.AsSpan(slot + 1, Level0[slot]);
        }

        var block = UpperStart[node] + ((level - 1) * (Parameters.M + 1));
        return Upper.AsSpan(block + 1, Upper[block]);
    }

    /// <summary>
    /// The (up to) <paramref name="top"/> nodes closest to <paramref name="query"/> that are not deleted and pass
    /// <paramref name="filter"/>, best first. Greedy descent through the upper layers, then a beam of width
    /// <paramref name="ef"/> on layer 0. Rejected nodes are still expanded (so a filter does not cut the graph
    /// apart), they just never enter the results; the filter runs only for nodes close enough to enter them.
    /// </summary>
    public ScoredNode[] Search<TSim, TFilter>(ReadOnlySpan<float> query, VectorView vectors, int top, int ef, ref TFilter filter, BitSet? deleted)
        where TSim : struct, ISimilarity
        where TFilter : struct, IOffsetFilter
    {
        if (EntryPoint < 0 || top <= 0)
        {
            return [];
        }

        ef = Math.Max(ef, top);
        var current = EntryPoint;
        var currentSimilarity = TSim.Of(query, vectors[current]);
        for (var level = MaxLevel; level > 0; level--)
        {
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var next in Links(current, level))
                {
                    var s = TSim.Of(query, vectors[next]);
                    if (s > currentSimilarity)
                    {
                        currentSimilarity = s;
                        current = next;
                        changed = true;
                    }
                }
            }
        }

        var context = SearchContext.Rent(NodeCount);
        try
        {
            SearchLayer0<TSim, TFilter>(query, vectors, current, currentSimilarity, ef, ref filter, deleted, context);
            var results = context.Results;
            while (results.Count > top)
            {
                results.Pop();
            }

            var found = new ScoredNode[results.Count];
            for (var i = found.Length - 1; i >= 0; i--)
            {
                found[i] = results.Pop();
            }

            return found;
        }
        finally
        {
            SearchContext.Return(context);
        }
    }

    private void SearchLayer0<TSim, TFilter>(ReadOnlySpan<float> query, VectorView vectors, int start, float startSimilarity, int ef, ref TFilter filter, BitSet? deleted, SearchContext context)
        where TSim : struct, ISimilarity
        where TFilter : struct, IOffsetFilter
    {
        var visited = context.Visited;
        var candidates = context.Candidates;
        var results = context.Results;
        var level0 = Level0;
        var stride = Parameters.M0 + 1;

        visited.TryVisit(start);
        candidates.Push(startSimilarity, start);
        if ((deleted is null || !deleted.Get(start)) && filter.Accepts(start))
        {
            results.Push(startSimilarity, start);
        }

        var lowerBound = results.Count > 0 ? results.Top.Similarity : float.NegativeInfinity;
        while (candidates.Count > 0)
        {
            var candidate = candidates.Top;
            if (candidate.Similarity < lowerBound && results.Count >= ef)
            {
                break;
            }

            candidates.Pop();
            var slot = candidate.Node * stride;
            var links = level0.AsSpan(slot + 1, level0[slot]);
            if (links.Length > 0)
            {
                vectors.Prefetch(links[0]);
            }

            for (var i = 0; i < links.Length; i++)
            {
                var next = links[i];
                if (i + 1 < links.Length)
                {
                    vectors.Prefetch(links[i + 1]);
                }

                if (!visited.TryVisit(next))
                {
                    continue;
                }

                var s = TSim.Of(query, vectors[next]);
                if (results.Count >= ef && s <= lowerBound)
                {
                    continue;
                }

                candidates.Push(s, next);
                if ((deleted is null || !deleted.Get(next)) && filter.Accepts(next))
                {
                    results.Push(s, next);
                    if (results.Count > ef)
                    {
                        results.Pop();
                    }

                    lowerBound = results.Top.Similarity;
                }
            }
        }
    }
}
