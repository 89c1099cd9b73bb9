using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Index;

/// <summary>
/// Fixed-seed clustered Gaussian vectors, normalised: the recipe of the ANN benchmark
/// (bench/Citadel.Bench/Ann/ClusteredGaussian.cs) at test sizes. Centres ~ N(0, 1), points = centre + N(0, 0.6²).
/// </summary>
internal static class ClusteredGaussian
{
    public static float[][] Generate(int count, int dim, int clusters, int seed)
    {
        var rng = new Random(seed);
        var centreRng = new Random(0xC3A7);
        var centres = new float[clusters][];
        for (var c = 0; c < clusters; c++)
        {
            centres[c] = new float[dim];
            for (var j = 0; j < dim; j++)
            {
                centres[c][j] = Gaussian(centreRng);
            }
        }

        var data = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var centre = centres[rng.Next(clusters)];
            var v = new float[dim];
            for (var j = 0; j < dim; j++)
            {
                v[j] = centre[j] + (0.6f * Gaussian(rng));
            }

            DistanceKernels.Normalize(v);
            data[i] = v;
        }

        return data;
    }

    private static float Gaussian(Random rng)
    {
        var u1 = 1.0 - rng.NextDouble();
        var u2 = rng.NextDouble();
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }
}
