namespace Citadel.Storage.Segments;

/// <summary>
/// The values of one named vector in a segment, addressed by the segment's internal offset. Vectors live in
/// fixed-size chunks of contiguous floats (a few MB each), so growing never copies old data and every vector
/// is one contiguous span for the SIMD kernels.
/// </summary>
internal sealed class VectorStore
{
    private const int ChunkFloats = 1 << 20;
    private readonly List<float[]> _chunks = [];
    private readonly BitSet _present = new();

    public VectorStore(int dimension)
    {
        Dimension = dimension;
        VectorsPerChunk = Math.Max(1, ChunkFloats / dimension);
    }

    public int Dimension { get; }

    public int VectorsPerChunk { get; }

    /// <summary>Number of offsets that hold a vector.</summary>
    public int Count => _present.Count;

    public bool Has(int offset) => _present.Get(offset);

    /// <summary>The vector at <paramref name="offset"/>; only meaningful when <see cref="Has"/> is true.</summary>
    public ReadOnlySpan<float> Get(int offset)
    {
        var chunk = _chunks[offset / VectorsPerChunk];
        return chunk.AsSpan((offset % VectorsPerChunk) * Dimension, Dimension);
    }

    /// <summary>Stores an already preprocessed vector (normalised for cosine).</summary>
    public void Set(int offset, ReadOnlySpan<float> vector)
    {
        var chunkIndex = offset / VectorsPerChunk;
        while (_chunks.Count <= chunkIndex)
        {
            _chunks.Add(new float[VectorsPerChunk * Dimension]);
        }

        vector.CopyTo(_chunks[chunkIndex].AsSpan((offset % VectorsPerChunk) * Dimension, Dimension));
        _present.Set(offset);
    }

    public void Remove(int offset) => _present.Clear(offset);

    /// <summary>The chunk arrays as they are now, for index code that reads a sealed (no longer growing) store.</summary>
    internal float[][] ChunkArrays() => [.. _chunks];

    /// <summary>A copy of which offsets hold a vector.</summary>
    public BitSet PresenceSnapshot() => _present.Clone();

    /// <summary>A deep copy covering offsets below <paramref name="count"/>.</summary>
    public VectorStore Clone(int count)
    {
        var copy = new VectorStore(Dimension);
        var chunks = Math.Min(_chunks.Count, (count + VectorsPerChunk - 1) / VectorsPerChunk);
        for (var i = 0; i < chunks; i++)
        {
            copy._chunks.Add((float[])_chunks[i].Clone());
        }

        for (var offset = 0; offset < count; offset++)
        {
            if (_present.Get(offset))
            {
                copy._present.Set(offset);
            }
        }

        return copy;
    }
}
