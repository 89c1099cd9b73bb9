using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Stores;

/// <summary>
/// Sorted keys, each with the offsets holding it. The base is three flat arrays (keys, starts, offsets), built once;
/// a sealed segment's store never changes. The appendable segment's store also takes updates: a changed offset's base
/// entries are marked stale (one bit) and its new keys go to a small delta map; when the delta outgrows a quarter of
/// the base it is merged in. A delta entry carries the offset's generation, so a later change of the same offset
/// retires it without searching for it.
/// </summary>
internal sealed partial class PostingStore<TKey>
    where TKey : notnull
{
    private const int MinimumDelta = 4096;

    private readonly IComparer<TKey> _comparer;
    private TKey[] _keys;
    private int[] _starts;
    private int[] _offsets;
    private int _maxKeysPerOffset;

    // Mutable part: null for sealed stores.
    private readonly Dictionary<TKey, List<long>>? _delta;
    private int _deltaEntries;
    private int[] _generations = [];
    private BitSet _stale = new();
    private BitSet _inBase = new();

    private PostingStore(IComparer<TKey> comparer, IEqualityComparer<TKey> equality, (TKey[] Keys, int[] Starts, int[] Offsets) layout, int maxKeysPerOffset, bool mutable)
    {
        _comparer = comparer;
        (_keys, _starts, _offsets) = layout;
        _maxKeysPerOffset = maxKeysPerOffset;
        if (mutable)
        {
            _delta = new Dictionary<TKey, List<long>>(equality);
            MarkBase();
        }
    }

    /// <summary>True when the store takes updates.</summary>
    public bool Mutable => _delta is not null;

    /// <summary>Most keys one offset has had: turns an entry count into a lower bound on distinct offsets.</summary>
    public int MaxKeysPerOffset => Math.Max(1, _maxKeysPerOffset);

    /// <summary>Offsets whose base entries are no longer valid.</summary>
    public int StaleCount => _stale.Count;

    /// <summary>Entries in base and delta (an upper bound on valid ones).</summary>
    public long EntryCount => _offsets.Length + (long)_deltaEntries;

    /// <summary>Builds a store from a finished builder.</summary>
    public static PostingStore<TKey> Create(PostingBuilder<TKey> builder, IComparer<TKey> comparer, IEqualityComparer<TKey> equality, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return new PostingStore<TKey>(comparer, equality, builder.Build(), builder.MaxKeysPerOffset, mutable);
    }

    /// <summary>Adds every valid offset holding <paramref name="key"/>.</summary>
    public void AddKey(TKey key, CandidateSet into)
    {
        var index = Array.BinarySearch(_keys, key, _comparer);
        if (index >= 0)
        {
            AddBase(index, index + 1, into);
        }

        if (_delta is not null && _delta.TryGetValue(key, out var entries))
        {
            AddDelta(entries, into);
        }
    }

    /// <summary>Adds every valid offset holding a key in <paramref name="range"/>.</summary>
    public void AddRange(KeyRange<TKey> range, CandidateSet into)
    {
        var (from, to) = Bounds(range);
        AddBase(from, to, into);
        if (_delta is null)
        {
            return;
        }

        foreach (var (key, entries) in _delta)
        {
            if (range.Contains(key))
            {
                AddDelta(entries, into);
            }
        }
    }

    /// <summary>Calls <paramref name="emit"/> with each key and how many valid offsets accepted by <paramref name="include"/> hold it; a key may be reported twice (base and delta).</summary>
    public void CountPerKey(Func<int, bool> include, Action<TKey, int> emit)
    {
        for (var k = 0; k < _keys.Length; k++)
        {
            var n = 0;
            for (var i = _starts[k]; i < _starts[k + 1]; i++)
            {
                var o = _offsets[i];
                if (!_stale.Get(o) && include(o))
                {
                    n++;
                }
            }

            if (n > 0)
            {
                emit(_keys[k], n);
            }
        }

        if (_delta is null)
        {
            return;
        }

        foreach (var (key, entries) in _delta)
        {
            var n = 0;
            foreach (var e in entries)
            {
                if (IsLive(e) && include(Offset(e)))
                {
                    n++;
                }
            }

            if (n > 0)
            {
                emit(key, n);
            }
        }
    }

    /// <summary>Valid (key, offset) pairs with keys in <paramref name="range"/>, in key order (ties in offset order).</summary>
    public IEnumerable<(TKey Key, int Offset)> Ordered(KeyRange<TKey> range, bool descending)
    {
        var (from, to) = Bounds(range);
        var delta = DeltaSnapshot(range);
        if (!descending)
        {
            var j = 0;
            for (var k = from; k < to; k++)
            {
                for (; j < delta.Count && _comparer.Compare(delta[j].Key, _keys[k]) < 0; j++)
                {
                    yield return delta[j];
                }

                for (var i = _starts[k]; i < _starts[k + 1]; i++)
                {
                    if (!_stale.Get(_offsets[i]))
                    {
                        yield return (_keys[k], _offsets[i]);
                    }
                }
            }

            for (; j < delta.Count; j++)
            {
                yield return delta[j];
            }

            yield break;
        }

        var d = delta.Count - 1;
        for (var k = to - 1; k >= from; k--)
        {
            for (; d >= 0 && _comparer.Compare(delta[d].Key, _keys[k]) > 0; d--)
            {
                yield return delta[d];
            }

            for (var i = _starts[k + 1] - 1; i >= _starts[k]; i--)
            {
                if (!_stale.Get(_offsets[i]))
                {
                    yield return (_keys[k], _offsets[i]);
                }
            }
        }

        for (; d >= 0; d--)
        {
            yield return delta[d];
        }
    }

    // The base keys [from, to) that the range covers: binary searches on the two monotone tests.
    private (int From, int To) Bounds(KeyRange<TKey> range)
    {
        var lo = 0;
        var hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (range.FromLower(_keys[mid]))
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        var from = lo;
        hi = _keys.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (range.ToUpper(_keys[mid]))
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (from, lo);
    }

    private void AddBase(int fromKey, int toKey, CandidateSet into)
    {
        var end = _starts[toKey];
        if (_stale.Count == 0)
        {
            for (var i = _starts[fromKey]; i < end; i++)
            {
                into.Add(_offsets[i]);
            }

            return;
        }

        for (var i = _starts[fromKey]; i < end; i++)
        {
            var o = _offsets[i];
            if (!_stale.Get(o))
            {
                into.Add(o);
            }
        }
    }

    private void AddDelta(List<long> entries, CandidateSet into)
    {
        foreach (var e in entries)
        {
            if (IsLive(e))
            {
                into.Add(Offset(e));
            }
        }
    }

    private List<(TKey Key, int Offset)> DeltaSnapshot(KeyRange<TKey> range)
    {
        var result = new List<(TKey Key, int Offset)>();
        if (_delta is null)
        {
            return result;
        }

        foreach (var (key, entries) in _delta)
        {
            if (!range.Contains(key))
            {
                continue;
            }

            foreach (var e in entries)
            {
                if (IsLive(e))
                {
                    result.Add((key, Offset(e)));
                }
            }
        }

        var comparer = _comparer;
        result.Sort((a, b) =>
        {
            var c = comparer.Compare(a.Key, b.Key);
            return c != 0 ? c : a.Offset.CompareTo(b.Offset);
        });
        return result;
    }

    private static int Offset(long entry) => (int)entry;

    private static int Generation(long entry) => (int)(entry >> 32);

    private bool IsLive(long entry)
    {
        var o = Offset(entry);
        return o < _generations.Length && _generations[o] == Generation(entry);
    }
}
