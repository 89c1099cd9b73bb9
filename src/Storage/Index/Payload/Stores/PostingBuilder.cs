namespace Citadel.Storage.Index.Payload.Stores;

/// <summary>
/// Collects (key, offset) pairs in increasing offset order and lays them out as sorted keys with one posting list of
/// offsets each (CSR: keys, starts, offsets). Keys are numbered through a dictionary and counted first, so the postings
/// are filled in one pass, come out sorted by offset, and duplicates of a pair are dropped as they arrive.
/// </summary>
internal sealed class PostingBuilder<TKey>(IComparer<TKey> comparer, IEqualityComparer<TKey> equality)
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _ids = new(equality);
    private readonly List<TKey> _keys = [];
    private readonly List<int> _counts = [];
    private readonly List<int> _lastOffset = [];
    private int[] _entryKey = new int[64];
    private int[] _entryOffset = new int[64];
    private int _entries;
    private int _currentOffset = -1;
    private int _currentKeys;

    /// <summary>Most keys any one offset has.</summary>
    public int MaxKeysPerOffset { get; private set; }

    /// <summary>Adds a pair; offsets must not decrease between calls.</summary>
    public void Add(int offset, TKey key)
    {
        if (!_ids.TryGetValue(key, out var id))
        {
            id = _keys.Count;
            _ids.Add(key, id);
            _keys.Add(key);
            _counts.Add(0);
            _lastOffset.Add(-1);
        }

        if (_lastOffset[id] == offset)
        {
            return;
        }

        _lastOffset[id] = offset;
        _counts[id]++;
        if (offset != _currentOffset)
        {
            _currentOffset = offset;
            _currentKeys = 0;
        }

        MaxKeysPerOffset = Math.Max(MaxKeysPerOffset, ++_currentKeys);
        if (_entries == _entryKey.Length)
        {
            Array.Resize(ref _entryKey, _entries * 2);
            Array.Resize(ref _entryOffset, _entries * 2);
        }

        _entryKey[_entries] = id;
        _entryOffset[_entries] = offset;
        _entries++;
    }

    /// <summary>The sorted keys, the start of each key's postings (one more than keys) and the offsets.</summary>
    public (TKey[] Keys, int[] Starts, int[] Offsets) Build()
    {
        var order = new int[_keys.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = _keys;
        Array.Sort(order, (a, b) => comparer.Compare(keys[a], keys[b]));
        var sortedKeys = new TKey[order.Length];
        var starts = new int[order.Length + 1];
        var cursor = new int[order.Length];
        for (var rank = 0; rank < order.Length; rank++)
        {
            var id = order[rank];
            sortedKeys[rank] = keys[id];
            starts[rank + 1] = starts[rank] + _counts[id];
            cursor[id] = starts[rank];
        }

        var offsets = new int[_entries];
        for (var e = 0; e < _entries; e++)
        {
            offsets[cursor[_entryKey[e]]++] = _entryOffset[e];
        }

        return (sortedKeys, starts, offsets);
    }
}
