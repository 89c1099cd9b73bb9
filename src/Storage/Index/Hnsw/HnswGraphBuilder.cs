namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// Builds an <see cref="HnswGraph"/> by inserting nodes one at a time as in hnswlib: a new node gets M links chosen
/// with the neighbour-selection heuristic on every layer it reaches; each chosen neighbour links back, and a full
/// neighbour list (M, or M0 on layer 0) is pruned with the same heuristic. Levels are drawn up front from a seeded
/// generator, so a single-threaded build is deterministic.
/// </summary>
/// <remarks>
/// With several threads, nodes are claimed from a shared counter after a single-threaded warm-up (so early nodes do
/// not form disconnected islands). Writes to a neighbour list take its striped lock, and a thread never holds two of
/// them at once, which rules out deadlocks. Reads take no lock (locking every list a search expands cost more than
/// the parallelism gained): a list's links are written before its count is published, so a reader sees the old or
/// the new count, and every slot below either holds a valid node (a prune rewrites slots in place with other valid
/// nodes). A torn read only gives the search a slightly different neighbour set, which the beam tolerates. A node
/// that raises the top level holds the global lock for its whole insertion (rare: about log_M(n) times).
/// </remarks>
internal sealed class HnswGraphBuilder<TSim>
    where TSim : struct, ISimilarity
{
    private const int WarmUpNodes = 256;
    private const int MaxLevelCap = 31;
    private const int LockStripes = 4096;

    private readonly VectorView _vectors;
    private readonly int _nodeCount;
    private readonly HnswParameters _p;
    private readonly int[] _order;
    private readonly sbyte[] _levels;
    private readonly int[] _level0;
    private readonly int[] _upperStart;
    private readonly int[] _upper;
    private readonly object _global = new();
    private readonly object[] _locks;
    private bool _concurrent;
    private long _entry = Pack(-1, -1);

    /// <param name="vectors">The segment's vectors.</param>
    /// <param name="nodeCount">Offsets in the segment (array sizes).</param>
    /// <param name="parameters">M and ef_construct.</param>
    /// <param name="nodes">Offsets to insert, in insertion order.</param>
    /// <param name="seed">Seeds the level generator.</param>
    public HnswGraphBuilder(VectorView vectors, int nodeCount, HnswParameters parameters, int[] nodes, int seed)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        _vectors = vectors;
        _nodeCount = nodeCount;
        _p = parameters;
        _order = nodes;
        _levels = new sbyte[nodeCount];
        Array.Fill(_levels, (sbyte)-1);
        _upperStart = new int[nodeCount];
        Array.Fill(_upperStart, -1);
        var rng = new Random(seed);
        long upperInts = 0;
        foreach (var node in nodes)
        {
            var level = (int)Math.Min(MaxLevelCap, Math.Floor(-Math.Log(1.0 - rng.NextDouble()) * parameters.LevelMultiplier));
            _levels[node] = (sbyte)level;
            if (level > 0)
            {
                _upperStart[node] = (int)upperInts;
                upperInts += level * (long)(parameters.M + 1);
            }
        }

        _level0 = new int[checked(nodeCount * (parameters.M0 + 1))];
        _upper = new int[checked((int)upperInts)];
        _locks = new object[LockStripes];
        for (var i = 0; i < _locks.Length; i++)
        {
            _locks[i] = new object();
        }
    }

    /// <summary>Inserts every node and returns the finished graph.</summary>
    public HnswGraph Build(int threads, CancellationToken cancellationToken)
    {
        var warm = Math.Min(_order.Length, threads > 1 ? WarmUpNodes : _order.Length);
        var scratch = new BuildScratch(_nodeCount, _p);
        for (var i = 0; i < warm; i++)
        {
            if ((i & 63) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Insert(_order[i], scratch);
        }

        if (warm < _order.Length)
        {
            _concurrent = true;
            RunParallel(warm, threads, cancellationToken);
        }

        var indexed = 0;
        foreach (var level in _levels)
        {
            if (level >= 0)
            {
                indexed++;
            }
        }

        return new HnswGraph(_nodeCount, _p, _levels, _level0, _upperStart, _upper, (int)_entry, (int)(_entry >> 32), indexed);
    }

    /// <summary>Entry point and top level in one word, so that inserts read them together without the global lock.</summary>
    private static long Pack(int node, int level) => ((long)level << 32) | (uint)node;

    private void RunParallel(int start, int threads, CancellationToken cancellationToken)
    {
        var next = start - 1;
        Exception? failure = null;
        void Work()
        {
            var scratch = new BuildScratch(_nodeCount, _p);
            try
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < _order.Length && Volatile.Read(ref failure) is null)
                {
                    if ((i & 63) == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    Insert(_order[i], scratch);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        // Dedicated threads: an index build is long and CPU-bound and must not hold thread-pool threads. They keep
        // normal priority like the calling thread: a lowered one starves on a busy machine and the build crawls.
        var workers = new Thread[threads - 1];
        for (var t = 0; t < workers.Length; t++)
        {
            workers[t] = new Thread(Work) { IsBackground = true, Name = "hnsw-build" };
            workers[t].Start();
        }

        Work();
        foreach (var worker in workers)
        {
            worker.Join();
        }

        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
    }

    private void Insert(int node, BuildScratch scratch)
    {
        int level = _levels[node];
        var holdsGlobal = false;
        var packed = Volatile.Read(ref _entry);
        if (level > (int)(packed >> 32))
        {
            // This node may become the new top: decide under the global lock, and keep it for the whole insertion so
            // that no other node can raise the top meanwhile.
            Monitor.Enter(_global);
            packed = _entry;
            if (level > (int)(packed >> 32))
            {
                holdsGlobal = true;
            }
            else
            {
                Monitor.Exit(_global);
            }
        }

        try
        {
            var entry = (int)packed;
            var entryLevel = (int)(packed >> 32);

            if (entry < 0)
            {
                Volatile.Write(ref _entry, Pack(node, level));
                return;
            }

            var query = _vectors[node];
            var current = entry;
            var currentSimilarity = TSim.Of(query, _vectors[entry]);
            for (var l = entryLevel; l > level; l--)
            {
                var changed = true;
                while (changed)
                {
                    changed = false;
                    var count = CopyLinks(current, l, scratch.Links);
                    for (var i = 0; i < count; i++)
                    {
                        var next = scratch.Links[i];
                        var s = TSim.Of(query, _vectors[next]);
                        if (s > currentSimilarity)
                        {
                            currentSimilarity = s;
                            current = next;
                            changed = true;
                        }
                    }
                }
            }

            for (var l = Math.Min(level, entryLevel); l >= 0; l--)
            {
                var found = SearchLayer(query, current, currentSimilarity, l, scratch);
                var selected = SelectNeighbours(found, _p.M, scratch.Selected);
                SetLinks(node, l, scratch.Selected.AsSpan(0, selected));
                for (var i = 0; i < selected; i++)
                {
                    AddLink(scratch.Selected[i], node, l, scratch);
                }

                current = found[0].Node;
                currentSimilarity = found[0].Similarity;
            }

            if (holdsGlobal)
            {
                Volatile.Write(ref _entry, Pack(node, level));
            }
        }
        finally
        {
            if (holdsGlobal)
            {
                Monitor.Exit(_global);
            }
        }
    }

    /// <summary>Beam search of width ef_construct on one layer; returns the results best first.</summary>
    private ReadOnlySpan<ScoredNode> SearchLayer(ReadOnlySpan<float> query, int start, float startSimilarity, int level, BuildScratch scratch)
    {
        var visited = scratch.Visited;
        var candidates = scratch.Candidates;
        var results = scratch.Results;
        visited.Reset(_nodeCount);
        candidates.Clear();
        results.Clear();
        visited.TryVisit(start);
        candidates.Push(startSimilarity, start);
        results.Push(startSimilarity, start);
        var ef = _p.EfConstruct;
        var lowerBound = startSimilarity;
        while (candidates.Count > 0)
        {
            var candidate = candidates.Top;
            if (candidate.Similarity < lowerBound && results.Count >= ef)
            {
                break;
            }

            candidates.Pop();
            var count = CopyLinks(candidate.Node, level, scratch.Links);
            for (var i = 0; i < count; i++)
            {
                var next = scratch.Links[i];
                if (i + 1 < count)
                {
                    _vectors.Prefetch(scratch.Links[i + 1]);
                }

                if (!visited.TryVisit(next))
                {
                    continue;
                }

                var s = TSim.Of(query, _vectors[next]);
                if (results.Count >= ef && s <= lowerBound)
                {
                    continue;
                }

                candidates.Push(s, next);
                results.Push(s, next);
                if (results.Count > ef)
                {
                    results.Pop();
                }

                lowerBound = results.Top.Similarity;
            }
        }

        var sorted = scratch.Sorted;
        var n = results.Count;
        for (var i = n - 1; i >= 0; i--)
        {
            sorted[i] = results.Pop();
        }

        return sorted.AsSpan(0, n);
    }

    /// <summary>
    /// The heuristic of the HNSW paper (hnswlib's getNeighborsByHeuristic2): walk the candidates best first and keep
    /// one only when it is closer to the base than to every neighbour kept so far, which spreads links in different
    /// directions instead of into one dense cluster.
    /// </summary>
    private int SelectNeighbours(ReadOnlySpan<ScoredNode> sortedBestFirst, int max, int[] into)
    {
        var kept = 0;
        foreach (var candidate in sortedBestFirst)
        {
            if (kept >= max)
            {
                break;
            }

            var v = _vectors[candidate.Node];
            var good = true;
            for (var k = 0; k < kept; k++)
            {
                if (TSim.Of(v, _vectors[into[k]]) > candidate.Similarity)
                {
                    good = false;
                    break;
                }
            }

            if (good)
            {
                into[kept++] = candidate.Node;
            }
        }

        return kept;
    }

    private void SetLinks(int node, int level, ReadOnlySpan<int> links)
    {
        var (array, slot) = Slot(node, level);
        Lock(node);
        try
        {
            links.CopyTo(array.AsSpan(slot + 1));
            Volatile.Write(ref array[slot], links.Length);
        }
        finally
        {
            Unlock(node);
        }
    }

    /// <summary>Adds <paramref name="from"/>'s back link to <paramref name="target"/>, pruning a full list.</summary>
    private void AddLink(int target, int from, int level, BuildScratch scratch)
    {
        var max = level == 0 ? _p.M0 : _p.M;
        var (array, slot) = Slot(target, level);
        Lock(target);
        try
        {
            var count = array[slot];
            if (count < max)
            {
                array[slot + 1 + count] = from;
                Volatile.Write(ref array[slot], count + 1);
                return;
            }

            var baseVector = _vectors[target];
            var pool = scratch.Prune;
            for (var i = 0; i < count; i++)
            {
                var n = array[slot + 1 + i];
                pool[i] = new ScoredNode(TSim.Of(baseVector, _vectors[n]), n);
            }

            pool[count] = new ScoredNode(TSim.Of(baseVector, _vectors[from]), from);
            var span = pool.AsSpan(0, count + 1);
            span.Sort(static (a, b) => b.Similarity.CompareTo(a.Similarity));
            var kept = SelectNeighbours(span, max, scratch.PruneSelected);
            scratch.PruneSelected.AsSpan(0, kept).CopyTo(array.AsSpan(slot + 1));
            Volatile.Write(ref array[slot], kept);
        }
        finally
        {
            Unlock(target);
        }
    }

    /// <summary>Copies a neighbour list without its lock (see the remarks on the class).</summary>
    private int CopyLinks(int node, int level, int[] into)
    {
        var (array, slot) = Slot(node, level);
        var count = Math.Min(Volatile.Read(ref array[slot]), into.Length);
        array.AsSpan(slot + 1, count).CopyTo(into);
        return count;
    }

    private (int[] Array, int Slot) Slot(int node, int level) => level == 0
        ? (_level0, node * (_p.M0 + 1))
        : (_upper, _upperStart[node] + ((level - 1) * (_p.M + 1)));

    private void Lock(int node)
    {
        if (_concurrent)
        {
            Monitor.Enter(_locks[node & (LockStripes - 1)]);
        }
    }

    private void Unlock(int node)
    {
        if (_concurrent)
        {
            Monitor.Exit(_locks[node & (LockStripes - 1)]);
        }
    }

    /// <summary>Per-thread buffers of a build.</summary>
    private sealed class BuildScratch(int nodeCount, HnswParameters p)
    {
        public VisitedList Visited { get; } = CreateVisited(nodeCount);

        public NodeHeap Candidates { get; } = new(bestOnTop: true);

        public NodeHeap Results { get; } = new(bestOnTop: false);

        public ScoredNode[] Sorted { get; } = new ScoredNode[p.EfConstruct + 1];

        public int[] Links { get; } = new int[p.M0 + 1];

        public int[] Selected { get; } = new int[p.M0 + 1];

        public ScoredNode[] Prune { get; } = new ScoredNode[p.M0 + 2];

        public int[] PruneSelected { get; } = new int[p.M0 + 2];

        private static VisitedList CreateVisited(int nodes)
        {
            var list = new VisitedList();
            list.Reset(nodes);
            return list;
        }
    }
}
