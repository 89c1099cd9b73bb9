using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using Citadel.Storage.Vectors;

namespace Citadel.Bench;

/// <summary>
/// Citadel's distance kernels next to System.Numerics.Tensors (the reference) on the same vectors, in one run.
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];

    [Params(128, 768, 1536)]
    public int Dimension { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        _a = Enumerable.Range(0, Dimension).Select(_ => (float)rng.NextDouble()).ToArray();
        _b = Enumerable.Range(0, Dimension).Select(_ => (float)rng.NextDouble()).ToArray();
    }

    [Benchmark(Baseline = true)]
    public float DotReference() => TensorPrimitives.Dot(_a, _b);

    [Benchmark]
    public float DotCitadel() => DistanceKernels.Dot(_a, _b);

    [Benchmark]
    public float L2SquaredReference()
    {
        var d = TensorPrimitives.Distance(_a, _b);
        return d * d;
    }

    [Benchmark]
    public float L2SquaredCitadel() => DistanceKernels.L2Squared(_a, _b);

    [Benchmark]
    public float ManhattanCitadel() => DistanceKernels.Manhattan(_a, _b);
}
