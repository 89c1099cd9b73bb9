using System.Diagnostics;

namespace Citadel.Bench.Ann;

/// <summary>Times Citadel's index over the ef grid, on one thread and on several (queries split evenly).</summary>
internal static class CitadelSweep
{
    public static List<AnnPoint> Run(CitadelAnn index, float[] queries, int dim, int[] truth, int[] efs, int threads, int reps)
    {
        var count = queries.Length / dim;
        var points = new List<AnnPoint>();
        // Warm-up: JIT tiers and caches settle before anything is timed.
        var warm = new int[count][];
        Slice(index, queries, dim, 64, warm, 0, count);
        foreach (var ef in efs)
        {
            var found = new int[count][];
            var best = double.MaxValue;
            for (var r = 0; r < reps; r++)
            {
                var sw = Stopwatch.StartNew();
                if (threads == 1)
                {
                    Slice(index, queries, dim, ef, found, 0, count);
                }
                else
                {
                    var per = (count + threads - 1) / threads;
                    var workers = Enumerable.Range(0, threads)
                        .Select(t => new Thread(() => Slice(index, queries, dim, ef, found, t * per, Math.Min(count, (t + 1) * per))))
                        .ToList();
                    workers.ForEach(w => w.Start());
                    workers.ForEach(w => w.Join());
                }

                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }

            points.Add(new AnnPoint(ef, GroundTruth.Recall(truth, found, 10), count / best));
        }

        return points;
    }

    private static void Slice(CitadelAnn index, float[] queries, int dim, int ef, int[][] found, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            found[i] = index.Search(queries.AsSpan(i * dim, dim), 10, ef);
        }
    }
}
