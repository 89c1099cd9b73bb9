using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Stores;

internal sealed partial class PostingStore<TKey>
{
    /// <summary>Replaces the keys of <paramref name="offset"/> (given distinct) in a mutable store.</summary>
    public void Set(int offset, List<TKey> keys)
    {
        if (_delta is null)
        {
            throw new InvalidOperationException("A sealed segment's index never changes.");
        }

        if (_inBase.Get(offset))
        {
            _stale.Set(offset);
        }

        if (offset >= _generations.Length)
        {
            Array.Resize(ref _generations, Math.Max(offset + 1, Math.Max(64, _generations.Length * 2)));
        }

        var generation = ++_generations[offset];
        foreach (var key in keys)
        {
            if (!_delta.TryGetValue(key, out var entries))
            {
                entries = [];
                _delta.Add(key, entries);
            }

            entries.Add(((long)generation << 32) | (uint)offset);
        }

        _deltaEntries += keys.Count;
        _maxKeysPerOffset = Math.Max(_maxKeysPerOffset, keys.Count);
        if (_deltaEntries > Math.Max(MinimumDelta, _offsets.Length / 4) || _stale.Count > Math.Max(MinimumDelta, _offsets.Length / 4))
        {
            Merge();
        }
    }

    /// <summary>Folds the delta into the base: valid base entries and valid delta entries, merged key by key.</summary>
    private void Merge()
    {
        var delta = _delta!;
        var deltaKeys = new TKey[delta.Count];
        delta.Keys.CopyTo(deltaKeys, 0);
        Array.Sort(deltaKeys, _comparer);

        var keys = new List<TKey>(_keys.Length + deltaKeys.Length);
        var starts = new List<int>(_keys.Length + deltaKeys.Length + 1) { 0 };
        var offsets = new List<int>(_offsets.Length + _deltaEntries);
        var fromBase = new List<int>();
        var fromDelta = new List<int>();
        int i = 0, j = 0;
        while (i < _keys.Length || j < deltaKeys.Length)
        {
            var c = i >= _keys.Length ? 1 : j >= deltaKeys.Length ? -1 : _comparer.Compare(_keys[i], deltaKeys[j]);
            var key = c <= 0 ? _keys[i] : deltaKeys[j];
            fromBase.Clear();
            fromDelta.Clear();
            if (c <= 0)
            {
                for (var p = _starts[i]; p < _starts[i + 1]; p++)
                {
                    if (!_stale.Get(_offsets[p]))
                    {
                        fromBase.Add(_offsets[p]);
                    }
                }

                i++;
            }

            if (c >= 0)
            {
                foreach (var e in delta[deltaKeys[j]])
                {
                    if (IsLive(e))
                    {
                        fromDelta.Add(Offset(e));
                    }
                }

                fromDelta.Sort();
                j++;
            }

            MergeSorted(fromBase, fromDelta, offsets);
            if (offsets.Count > starts[^1])
            {
                keys.Add(key);
                starts.Add(offsets.Count);
            }
        }

        _keys = [.. keys];
        _starts = [.. starts];
        _offsets = [.. offsets];
        delta.Clear();
        _deltaEntries = 0;
        _stale = new BitSet();
        MarkBase();
    }

    private static void MergeSorted(List<int> a, List<int> b, List<int> into)
    {
        int i = 0, j = 0, last = -1;
        while (i < a.Count || j < b.Count)
        {
            var next = j >= b.Count || (i < a.Count && a[i] <= b[j]) ? a[i++] : b[j++];
            if (next != last)
            {
                into.Add(next);
                last = next;
            }
        }
    }

    private void MarkBase()
    {
        _inBase = new BitSet();
        foreach (var o in _offsets)
        {
            _inBase.Set(o);
        }
    }
}
