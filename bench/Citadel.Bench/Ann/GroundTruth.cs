using Citadel.Storage.Vectors;

namespace Citadel.Bench.Ann;

/// <summary>Exact top-k by brute force (dot product on normalised vectors = cosine), the yardstick for recall.</summary>
internal static class GroundTruth
{
    public static int[] Compute(float[] data, float[] queries, int dim, int k)
    {
        var n = data.Length / dim;
        var q = queries.Length / dim;
        var result = new int[q * k];
        Parallel.For(0, q, i =>
        {
            var query = queries.AsSpan(i * dim, dim);
            var best = new (float Score, int Id)[k];
            Array.Fill(best, (float.NegativeInfinity, -1));
            for (var j = 0; j < n; j++)
            {
                var s = DistanceKernels.Dot(query, data.AsSpan(j * dim, dim));
                if (s <= best[k - 1].Score)
                {
                    continue;
                }

                var pos = k - 1;
                while (pos > 0 && best[pos - 1].Score < s)
                {
                    best[pos] = best[pos - 1];
                    pos--;
                }

                best[pos] = (s, j);
            }

            for (var r = 0; r < k; r++)
            {
                result[(i * k) + r] = best[r].Id;
            }
        });
        return result;
    }

    /// <summary>Mean fraction of the true top-k found.</summary>
    public static double Recall(int[] truth, int[][] found, int k)
    {
        double hits = 0;
        for (var i = 0; i < found.Length; i++)
        {
            var expected = truth.AsSpan(i * k, k);
            foreach (var id in found[i].AsSpan(0, Math.Min(k, found[i].Length)))
            {
                if (expected.Contains(id))
                {
                    hits++;
                }
            }
        }

        return hits / (found.Length * (double)k);
    }
}
