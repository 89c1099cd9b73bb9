using System.Runtime.CompilerServices;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// A binary heap of <see cref="ScoredNode"/>s over a reusable array: with <c>bestOnTop</c> it is the candidate queue
/// (closest first), without it the bounded result set (farthest on top, to be evicted). Reused across searches, so
/// a search allocates nothing per visited node.
/// </summary>
internal sealed class NodeHeap(bool bestOnTop)
{
    private ScoredNode[] _items = new ScoredNode[64];

    public int Count { get; private set; }

    public ScoredNode Top => _items[0];

    public void Clear() => Count = 0;

    public void Push(float similarity, int node)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        var items = _items;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Above(similarity, items[parent].Similarity))
            {
                break;
            }

            items[i] = items[parent];
            i = parent;
        }

        items[i] = new ScoredNode(similarity, node);
    }

    public ScoredNode Pop()
    {
        var items = _items;
        var top = items[0];
        var last = items[--Count];
        var n = Count;
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= n)
            {
                break;
            }

            if (child + 1 < n && Above(items[child + 1].Similarity, items[child].Similarity))
            {
                child++;
            }

            if (!Above(items[child].Similarity, last.Similarity))
            {
                break;
            }

            items[i] = items[child];
            i = child;
        }

        if (n > 0)
        {
            items[i] = last;
        }

        return top;
    }

    /// <summary>The items in heap order (unsorted).</summary>
    public ReadOnlySpan<ScoredNode> Items => _items.AsSpan(0, Count);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Above(float a, float b) => bestOnTop ? a > b : a < b;
}
