using Citadel.Storage.Index.Hnsw;

namespace Citadel.Storage.Index;

/// <summary>
/// The ready vector indexes of one segment, by vector name. Replaced copy-on-write, so a search reads a consistent
/// map without a lock while a background build adds an index.
/// </summary>
internal sealed class SegmentIndexes
{
    private static readonly Dictionary<string, HnswIndex> Empty = new(StringComparer.Ordinal);
    private volatile Dictionary<string, HnswIndex> _byName = Empty;

    /// <summary>The index of <paramref name="vectorName"/>, or null while there is none.</summary>
    public HnswIndex? Get(string vectorName) => _byName.GetValueOrDefault(vectorName);

    /// <summary>Every ready index.</summary>
    public IReadOnlyCollection<HnswIndex> All => _byName.Values;

    public int Count => _byName.Count;

    /// <summary>Adds or replaces the index of its vector.</summary>
    public void Set(HnswIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (this)
        {
            _byName = new Dictionary<string, HnswIndex>(_byName, StringComparer.Ordinal) { [index.VectorName] = index };
        }
    }

    public void Remove(string vectorName)
    {
        lock (this)
        {
            if (_byName.ContainsKey(vectorName))
            {
                var copy = new Dictionary<string, HnswIndex>(_byName, StringComparer.Ordinal);
                copy.Remove(vectorName);
                _byName = copy;
            }
        }
    }
}
