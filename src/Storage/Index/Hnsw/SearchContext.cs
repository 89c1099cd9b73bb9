namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// The scratch state of one graph search (visited stamps, candidate queue, result heap), rented from a small pool
/// so that searches allocate nothing per visited node and little per query.
/// </summary>
internal sealed class SearchContext
{
    private static readonly object PoolGate = new();
    private static readonly Stack<SearchContext> Pool = new();
    private static readonly int MaxPooled = Math.Max(4, 4 * Environment.ProcessorCount);

    public VisitedList Visited { get; } = new();

    public NodeHeap Candidates { get; } = new(bestOnTop: true);

    public NodeHeap Results { get; } = new(bestOnTop: false);

    /// <summary>A context ready for a graph of <paramref name="nodes"/> nodes.</summary>
    public static SearchContext Rent(int nodes)
    {
        SearchContext? context = null;
        lock (PoolGate)
        {
            Pool.TryPop(out context);
        }

        context ??= new SearchContext();
        context.Visited.Reset(nodes);
        context.Candidates.Clear();
        context.Results.Clear();
        return context;
    }

    public static void Return(SearchContext context)
    {
        lock (PoolGate)
        {
            if (Pool.Count < MaxPooled)
            {
                Pool.Push(context);
            }
        }
    }
}
