using System.Numerics;

namespace Citadel.Storage.Segments;

/// <summary>A growable set of offsets, one bit each.</summary>
internal sealed class BitSet
{
    private ulong[] _words;

    public BitSet(int capacityBits = 0) => _words = new ulong[Math.Max(1, (capacityBits + 63) >> 6)];

    private BitSet(ulong[] words) => _words = words;

    /// <summary>Number of set bits.</summary>
    public int Count { get; private set; }

    public bool Get(int index)
    {
        var w = index >> 6;
        return w < _words.Length && (_words[w] & (1UL << index)) != 0;
    }

    /// <summary>Sets the bit; returns true when it was not set before.</summary>
    public bool Set(int index)
    {
        EnsureCapacity(index + 1);
        ref var word = ref _words[index >> 6];
        var mask = 1UL << index;
        if ((word & mask) != 0)
        {
            return false;
        }

        word |= mask;
        Count++;
        return true;
    }

    /// <summary>Clears the bit; returns true when it was set before.</summary>
    public bool Clear(int index)
    {
        var w = index >> 6;
        if (w >= _words.Length)
        {
            return false;
        }

        var mask = 1UL << index;
        if ((_words[w] & mask) == 0)
        {
            return false;
        }

        _words[w] &= ~mask;
        Count--;
        return true;
    }

    public BitSet Clone() => new((ulong[])_words.Clone()) { Count = Count };

    /// <summary>The raw words covering <paramref name="bits"/> bits, for persistence.</summary>
    public ReadOnlySpan<ulong> Words(int bits) => _words.AsSpan(0, Math.Min(_words.Length, (bits + 63) >> 6));

    public static BitSet FromWords(ReadOnlySpan<ulong> words)
    {
        var copy = words.Length == 0 ? new ulong[1] : words.ToArray();
        var count = 0;
        foreach (var w in copy)
        {
            count += BitOperations.PopCount(w);
        }

        return new BitSet(copy) { Count = count };
    }

    private void EnsureCapacity(int bits)
    {
        var needed = (bits + 63) >> 6;
        if (needed > _words.Length)
        {
            Array.Resize(ref _words, Math.Max(needed, _words.Length * 2));
        }
    }
}
