using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Hnsw;

/// <summary>
/// Read access to the vectors of a sealed segment's <see cref="VectorStore"/> by offset, without the store's list
/// lookups: graph code reads a vector for every distance it computes. Valid only while the store does not grow,
/// which holds for sealed segments (their data never changes).
/// </summary>
internal readonly struct VectorView
{
    private readonly VectorStore.AlignedChunk[] _chunks;
    private readonly int _perChunk;
    private readonly int _shift;

    public VectorView(VectorStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _chunks = store.Chunks();
        _perChunk = store.VectorsPerChunk;
        Dimension = store.Dimension;
        // Most dimensions are powers of two, and then so is the chunk size: a shift instead of a division.
        _shift = (_perChunk & (_perChunk - 1)) == 0 ? System.Numerics.BitOperations.Log2((uint)_perChunk) : -1;
    }

    public int Dimension { get; }

    /// <summary>
    /// Asks the CPU to start loading the first cache lines of a vector that is about to be scored, as hnswlib does:
    /// graph neighbours sit at random addresses, so without it every distance starts with a cache miss. A prefetch
    /// never faults, and chunks are pinned arrays that the GC does not move.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public unsafe void Prefetch(int offset)
    {
        if (Sse.IsSupported)
        {
            var p = (byte*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(this[offset]));
            Sse.Prefetch0(p);
            Sse.Prefetch0(p + 64);
        }
    }

    public ReadOnlySpan<float> this[int offset]
    {
        get
        {
            int chunk, within;
            if (_shift >= 0)
            {
                chunk = offset >> _shift;
                within = offset & (_perChunk - 1);
            }
            else
            {
                chunk = (int)((uint)offset / (uint)_perChunk);
                within = offset - (chunk * _perChunk);
            }

            var c = _chunks[chunk];
            return new ReadOnlySpan<float>(c.Array, c.Lead + (within * Dimension), Dimension);
        }
    }
}
