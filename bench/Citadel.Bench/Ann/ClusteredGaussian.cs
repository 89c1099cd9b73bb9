using Citadel.Storage.Vectors;

namespace Citadel.Bench.Ann;

/// <summary>
/// Fixed-seed clustered Gaussian vectors, normalised (the benchmark uses cosine): cluster centres drawn from N(0, 1)
/// per dimension, points = centre + N(0, σ²) per dimension, queries drawn the same way but never stored. The unit
/// tests generate their data with the same recipe (tests/Unit/Index/ClusteredGaussian.cs).
/// </summary>
internal static class ClusteredGaussian
{
    public const float Spread = 0.6f;

    /// <summary><paramref name="count"/> vectors of <paramref name="dim"/> floats, row-major in one array.</summary>
    public static float[] Generate(int count, int dim, int clusters, int seed)
    {
        var rng = new Random(seed);
        // Centres come from a generator of their own so that base points and queries share them.
        var centres = Centres(clusters, dim);
        var data = new float[(long)count * dim];
        for (var i = 0; i < count; i++)
        {
            var centre = centres.AsSpan(rng.Next(clusters) * dim, dim);
            var v = data.AsSpan(i * dim, dim);
            for (var j = 0; j < dim; j++)
            {
                v[j] = centre[j] + (Spread * Gaussian(rng));
            }

            DistanceKernels.Normalize(v);
        }

        return data;
    }

    private static float[] Centres(int clusters, int dim)
    {
        var rng = new Random(0xC3A7);
        var centres = new float[clusters * dim];
        for (var i = 0; i < centres.Length; i++)
        {
            centres[i] = Gaussian(rng);
        }

        return centres;
    }

    private static float Gaussian(Random rng)
    {
        // Box–Muller; 1 - u keeps the logarithm finite.
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
