using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Citadel.Storage.Vectors;

namespace Citadel.Bench;

/// <summary>
/// An exact scan of 2,000 × 128-d vectors, as a small collection's search does, with the stored vectors (and the
/// query) starting on a 64-byte boundary, as <c>VectorStore</c> places them, against the same floats starting 8, 16
/// or 32 bytes past one, which is where an ordinary array's data may land: every 512-bit load then straddles two
/// cache lines.
/// </summary>
public class ScanAlignmentBenchmarks
{
    private const int Count = 2_000;
    private const int Dimension = 128;
    private float[] _data = [];
    private float[] _query = [];
    private int _dataStart;
    private int _queryStart;

    /// <summary>Bytes past a 64-byte boundary where the first stored vector and the query start; 0 is aligned.</summary>
    [Params(0, 8, 16, 32)]
    public int MisalignedBy { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        (_data, _dataStart) = Place(Count * Dimension, MisalignedBy);
        (_query, _queryStart) = Place(Dimension, MisalignedBy);
        for (var i = 0; i < Count * Dimension; i++)
        {
            _data[_dataStart + i] = (float)rng.NextDouble();
        }

        for (var j = 0; j < Dimension; j++)
        {
            _query[_queryStart + j] = (float)rng.NextDouble();
        }
    }

    [Benchmark]
    public float Scan()
    {
        var query = new ReadOnlySpan<float>(_query, _queryStart, Dimension);
        var sum = 0f;
        for (var i = 0; i < Count; i++)
        {
            sum += DistanceKernels.Dot(query, new ReadOnlySpan<float>(_data, _dataStart + (i * Dimension), Dimension));
        }

        return sum;
    }

    /// <summary>A pinned buffer and the index in it that lies <paramref name="misalignedBy"/> bytes past a 64-byte boundary.</summary>
    private static unsafe (float[] Buffer, int Start) Place(int floats, int misalignedBy)
    {
        var buffer = GC.AllocateArray<float>(floats + 32, pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        return (buffer, ((int)((64 - (address % 64)) % 64) + misalignedBy) / sizeof(float));
    }
}
