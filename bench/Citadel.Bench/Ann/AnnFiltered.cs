using System.Diagnostics;
using System.Globalization;
using System.Text;
using Citadel.Storage.Index.Hnsw;
using Citadel.Storage.Vectors;

namespace Citadel.Bench.Ann;

/// <summary>
/// <c>ann --filtered</c>: Citadel's filtered graph search against the exact scan of the matching points, for filters
/// keeping 50%, 10%, 2% and 1% of the points (offset mod 100 below a bound, so matches are spread evenly). hnswlib-node
/// has no counterpart worth timing (its filter is a JS callback per visited node).
/// </summary>
internal static class AnnFiltered
{
    private static readonly int[] Percents = [50, 10, 2, 1];
    private static readonly int[] Efs = [100, 200, 400];

    public static string Run(int n, int dim, int queryCount, int m, int efc, int threads)
    {
        var data = ClusteredGaussian.Generate(n, dim, 100, seed: 1);
        var queries = ClusteredGaussian.Generate(queryCount, dim, 100, seed: 2);
        var index = CitadelAnn.Build(data, dim, m, efc, threads);
        var c = CultureInfo.InvariantCulture;
        var fullScanVectors = 10_000L * 1024 / (dim * sizeof(float));
        var sb = new StringBuilder();
        sb.AppendLine(c, $"#### Filtered search, {n:N0} × {dim}-d, {queryCount:N0} queries, M {m}, ef_construction {efc}, 1 thread");
        sb.AppendLine();
        sb.AppendLine("| filter keeps | matching points | exact scan of matches: QPS | graph ef 100: recall@10 / QPS | graph ef 200 | graph ef 400 | planner (default full_scan_threshold) |");
        sb.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var percent in Percents)
        {
            var matching = (long)n * percent / 100;
            var sw = Stopwatch.StartNew();
            var truth = new int[queryCount * 10];
            for (var q = 0; q < queryCount; q++)
            {
                ExactTop(data, queries.AsSpan(q * dim, dim), dim, percent, truth.AsSpan(q * 10, 10));
            }

            var scanQps = queryCount / sw.Elapsed.TotalSeconds;
            var cells = new List<string>();
            foreach (var ef in Efs)
            {
                var found = new int[queryCount][];
                sw.Restart();
                for (var q = 0; q < queryCount; q++)
                {
                    found[q] = index.SearchFiltered(queries.AsSpan(q * dim, dim), 10, ef, percent);
                }

                var qps = queryCount / sw.Elapsed.TotalSeconds;
                cells.Add(string.Create(c, $"{GroundTruth.Recall(truth, found, 10):F3} / {qps:N0}"));
            }

            var plan = matching < fullScanVectors ? "exact scan" : "graph";
            sb.AppendLine(c, $"| {percent}% | {matching:N0} | {scanQps:N0} | {cells[0]} | {cells[1]} | {cells[2]} | {plan} |");
        }

        return sb.ToString();
    }

    /// <summary>The exact top 10 among matching offsets: what the planner's scan path computes.</summary>
    private static void ExactTop(float[] data, ReadOnlySpan<float> query, int dim, int percent, Span<int> into)
    {
        Span<(float Score, int Id)> best = stackalloc (float, int)[10];
        best.Fill((float.NegativeInfinity, -1));
        var n = data.Length / dim;
        for (var j = 0; j < n; j++)
        {
            if (j % 100 >= percent)
            {
                continue;
            }

            var s = DistanceKernels.Dot(query, data.AsSpan(j * dim, dim));
            if (s <= best[9].Score)
            {
                continue;
            }

            var pos = 9;
            while (pos > 0 && best[pos - 1].Score < s)
            {
                best[pos] = best[pos - 1];
                pos--;
            }

            best[pos] = (s, j);
        }

        for (var i = 0; i < 10; i++)
        {
            into[i] = best[i].Id;
        }
    }
}

/// <summary>Offsets whose value mod 100 is below a bound: an evenly spread filter of known selectivity.</summary>
internal readonly struct ModuloFilter(int percent) : IOffsetFilter
{
    public bool Accepts(int offset) => offset % 100 < percent;
}
