namespace Citadel.Storage.Search;

/// <summary>
/// Keeps the <c>k</c> best candidates seen so far in a binary min-heap (worst on top), with no allocation per
/// candidate. Ties on similarity are broken by the smaller key so results are deterministic. The heap grows with the
/// candidates actually offered, so a huge <c>k</c> (a client's <c>limit + offset</c>) costs nothing up front.
/// </summary>
internal sealed class TopK<T>
{
    private const int InitialSize = 256;
    private readonly int _k;
    private (float Similarity, ulong Key, T Item)[] _heap;
    private int _count;

    public TopK(int k)
    {
        _k = Math.Max(1, k);
        _heap = new (float, ulong, T)[Math.Min(_k, InitialSize)];
    }

    public int Capacity => _k;

    public int Count => _count;

    /// <summary>The similarity a new candidate must beat once the heap is full.</summary>
    public float Threshold => _count < _k ? float.NegativeInfinity : _heap[0].Similarity;

    public void Offer(float similarity, ulong key, T item)
    {
        if (_count < _k)
        {
            if (_count == _heap.Length)
            {
                Array.Resize(ref _heap, (int)Math.Min(_k, 2L * _heap.Length));
            }

            _heap[_count] = (similarity, key, item);
            SiftUp(_count++);
            return;
        }

        if (!Better(similarity, key, _heap[0].Similarity, _heap[0].Key))
        {
            return;
        }

        _heap[0] = (similarity, key, item);
        SiftDown(0);
    }

    /// <summary>The candidates, best first.</summary>
    public List<(float Similarity, ulong Key, T Item)> Drain()
    {
        var result = new List<(float, ulong, T)>(_count);
        for (var i = 0; i < _count; i++)
        {
            result.Add(_heap[i]);
        }

        result.Sort((a, b) => Better(a.Item1, a.Item2, b.Item1, b.Item2) ? -1 : Better(b.Item1, b.Item2, a.Item1, a.Item2) ? 1 : 0);
        _count = 0;
        return result;
    }

    private static bool Better(float s1, ulong k1, float s2, ulong k2) => s1 > s2 || (s1 == s2 && k1 < k2);

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Better(_heap[parent].Similarity, _heap[parent].Key, _heap[i].Similarity, _heap[i].Key))
            {
                break;
            }

            (_heap[parent], _heap[i]) = (_heap[i], _heap[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var worst = left;
            var right = left + 1;
            if (right < _count && Better(_heap[left].Similarity, _heap[left].Key, _heap[right].Similarity, _heap[right].Key))
            {
                worst = right;
            }

            if (!Better(_heap[i].Similarity, _heap[i].Key, _heap[worst].Similarity, _heap[worst].Key))
            {
                return;
            }

            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
