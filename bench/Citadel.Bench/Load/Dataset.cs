namespace Citadel.Bench.Load;

/// <summary>Fixed-seed vectors so every transport (and every run) sees the same data.</summary>
internal static class Dataset
{
    public static float[][] Vectors(int count, int dim, int seed)
    {
        var rng = new Random(seed);
        var result = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var v = new float[dim];
            for (var j = 0; j < dim; j++)
            {
                v[j] = (float)(rng.NextDouble() * 2 - 1);
            }

            result[i] = v;
        }

        return result;
    }
}
