using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Citadel.Storage.Segments;

namespace Citadel.Tests.Unit.Storage;

public sealed class VectorStoreTests
{
    [Fact]
    public void EveryVectorOfA128DimStore_StartsOnA64ByteBoundary_WhateverWasAllocatedBefore()
    {
        for (var before = 0; before < 16; before++)
        {
            // Odd-sized arrays of both heaps first, so chunks land at varied addresses.
            GC.KeepAlive(new byte[(before * 8) + 1]);
            GC.KeepAlive(new byte[100_000 + (before * 8)]);
            var store = new VectorStore(128);
            store.Set(0, Enumerable.Repeat(1f, 128).ToArray());
            store.Set(store.VectorsPerChunk + 5, Enumerable.Repeat(2f, 128).ToArray());

            Assert.Equal(0, AddressOf(store.Get(0)) % 64);
            Assert.Equal(0, AddressOf(store.Get(store.VectorsPerChunk + 5)) % 64);
            Assert.Equal(0, AddressOf(store.Get(777)) % 64);
        }
    }

    [Fact]
    public void Clone_KeepsEveryValueAndTheAlignment()
    {
        var store = new VectorStore(16);
        var vectors = Enumerable.Range(0, 1000).Select(i => Enumerable.Range(0, 16).Select(j => (float)((i * 16) + j)).ToArray()).ToList();
        for (var i = 0; i < vectors.Count; i++)
        {
            store.Set(i, vectors[i]);
        }

        store.Remove(3);
        var copy = store.Clone(1000);

        Assert.False(copy.Has(3));
        Assert.Equal(999, copy.Count);
        for (var i = 0; i < vectors.Count; i++)
        {
            Assert.Equal(vectors[i], copy.Get(i).ToArray());
            Assert.Equal(0, AddressOf(copy.Get(i)) % 64);
        }
    }

    private static unsafe long AddressOf(ReadOnlySpan<float> span) =>
        (long)Unsafe.AsPointer(ref MemoryMarshal.GetReference(span));
}
