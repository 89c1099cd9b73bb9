using System.Numerics;

namespace Citadel.Storage.Index.Payload.Stores;

/// <summary>
/// A set of offsets of one segment, one bit each: what an index says may match a condition. Bits make intersections
/// and unions of several conditions word-wise, and cost a segment's size / 8 bytes however many offsets they hold.
/// </summary>
internal sealed class CandidateSet
{
    private readonly ulong[] _words;

    /// <summary>An empty set for offsets below <paramref name="capacity"/>.</summary>
    public CandidateSet(int capacity)
    {
        Capacity = Math.Max(0, capacity);
        _words = new ulong[(Capacity + 63) >> 6];
    }

    /// <summary>Offsets at or above this are never in the set.</summary>
    public int Capacity { get; }

    /// <summary>Adds an offset; offsets outside the capacity are ignored (they belong to no live point).</summary>
    public void Add(int offset)
    {
        if ((uint)offset < (uint)Capacity)
        {
            _words[offset >> 6] |= 1UL << offset;
        }
    }

    /// <summary>True when the offset is in the set.</summary>
    public bool Contains(int offset) => (uint)offset < (uint)Capacity && (_words[offset >> 6] & (1UL << offset)) != 0;

    /// <summary>Keeps only offsets also in <paramref name="other"/>.</summary>
    public void IntersectWith(CandidateSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        for (var i = 0; i < _words.Length; i++)
        {
            _words[i] &= i < other._words.Length ? other._words[i] : 0;
        }
    }

    /// <summary>Adds every offset of <paramref name="other"/>.</summary>
    public void UnionWith(CandidateSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var n = Math.Min(_words.Length, other._words.Length);
        for (var i = 0; i < n; i++)
        {
            _words[i] |= other._words[i];
        }
    }

    /// <summary>Number of offsets in the set.</summary>
    public int Count()
    {
        var count = 0;
        foreach (var w in _words)
        {
            count += BitOperations.PopCount(w);
        }

        return count;
    }

    /// <summary>A copy.</summary>
    public CandidateSet Clone()
    {
        var copy = new CandidateSet(Capacity);
        _words.CopyTo(copy._words, 0);
        return copy;
    }

    /// <summary>Enumerates the offsets in increasing order.</summary>
    public Enumerator GetEnumerator() => new(_words);

    /// <summary>Walks the set bits word by word.</summary>
    public struct Enumerator
    {
        private readonly ulong[] _words;
        private int _word;
        private ulong _bits;

        internal Enumerator(ulong[] words)
        {
            _words = words;
            _word = -1;
            _bits = 0;
            Current = -1;
        }

        /// <summary>The current offset.</summary>
        public int Current { get; private set; }

        /// <summary>Moves to the next offset.</summary>
        public bool MoveNext()
        {
            while (_bits == 0)
            {
                if (++_word >= _words.Length)
                {
                    return false;
                }

                _bits = _words[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_bits);
            _bits &= _bits - 1;
            return true;
        }
    }
}
