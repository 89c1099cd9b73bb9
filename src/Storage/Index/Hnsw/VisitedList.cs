namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// Which nodes a search has seen, as one generation stamp per node: starting a search bumps the generation
/// instead of clearing the array, so a reused list costs nothing per search (and is cleared once every 65,535).
/// </summary>
internal sealed class VisitedList
{
    private ushort[] _marks = [];
    private ushort _generation;

    /// <summary>Forgets every visit and makes room for <paramref name="nodes"/> nodes.</summary>
    public void Reset(int nodes)
    {
        if (_marks.Length < nodes)
        {
            _marks = new ushort[nodes];
            _generation = 0;
        }

        if (++_generation == 0)
        {
            Array.Clear(_marks);
            _generation = 1;
        }
    }

    /// <summary>Marks <paramref name="node"/> visited; false when it already was.</summary>
    public bool TryVisit(int node)
    {
        ref var mark = ref _marks[node];
        if (mark == _generation)
        {
            return false;
        }

        mark = _generation;
        return true;
    }
}
