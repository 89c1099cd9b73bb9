using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Citadel.Storage.Segments;

/// <summary>
/// The values of one named vector in a segment, addressed by the segment's internal offset. Vectors live in
/// fixed-size chunks of contiguous floats (a few MB each), so growing never copies old data and every vector
/// is one contiguous span for the SIMD kernels.
/// Each chunk's first vector starts on a 64-byte boundary (and so does every vector when the dimension is a multiple
/// of 16): 512-bit loads that straddle two cache lines made a 2,000-vector scan 1.5–1.8 times slower, and where an
/// ordinary array lands depends on what the process allocated before, so speed differed from process to process.
/// </summary>
internal sealed class VectorStore
{
    private const int ChunkFloats = 1 << 20;
    private const int Alignment = 64;
    private readonly List<AlignedChunk> _chunks = [];
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
        return new ReadOnlySpan<float>(chunk.Array, chunk.Lead + ((offset % VectorsPerChunk) * Dimension), Dimension);
    }

    /// <summary>Stores an already preprocessed vector (normalised for cosine).</summary>
    public void Set(int offset, ReadOnlySpan<float> vector)
    {
        var chunkIndex = offset / VectorsPerChunk;
        while (_chunks.Count <= chunkIndex)
        {
            _chunks.Add(AlignedChunk.Allocate(VectorsPerChunk * Dimension));
        }

        var chunk = _chunks[chunkIndex];
        vector.CopyTo(chunk.Array.AsSpan(chunk.Lead + ((offset % VectorsPerChunk) * Dimension), Dimension));
        _present.Set(offset);
    }

    public void Remove(int offset) => _present.Clear(offset);

    /// <summary>The chunks as they are now, for index code that reads a sealed (no longer growing) store.</summary>
    internal AlignedChunk[] Chunks() => [.. _chunks];

    /// <summary>A copy of which offsets hold a vector.</summary>
    public BitSet PresenceSnapshot() => _present.Clone();

    /// <summary>A deep copy covering offsets below <paramref name="count"/>.</summary>
    public VectorStore Clone(int count)
    {
        var copy = new VectorStore(Dimension);
        var chunks = Math.Min(_chunks.Count, (count + VectorsPerChunk - 1) / VectorsPerChunk);
        for (var i = 0; i < chunks; i++)
        {
            copy._chunks.Add(_chunks[i].Copy());
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

    /// <summary>
    /// A chunk's floats, starting at <see cref="Lead"/>: the array is allocated pinned (so the GC never moves it off
    /// the boundary) with room to skip up to 60 bytes.
    /// </summary>
    internal readonly record struct AlignedChunk(float[] Array, int Lead)
    {
        private const int Slack = (Alignment / sizeof(float)) - 1;

        private int Floats => Array.Length - Slack;

        public static unsafe AlignedChunk Allocate(int floats)
        {
            var array = GC.AllocateArray<float>(floats + Slack, pinned: true);
            var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array));
            return new AlignedChunk(array, (int)((Alignment - (address % Alignment)) % Alignment) / sizeof(float));
        }

        public AlignedChunk Copy()
        {
            var copy = Allocate(Floats);
            Array.AsSpan(Lead, Floats).CopyTo(copy.Array.AsSpan(copy.Lead));
            return copy;
        }
    }
}
