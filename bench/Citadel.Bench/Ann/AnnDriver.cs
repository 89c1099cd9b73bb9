using System.Diagnostics;

namespace Citadel.Bench.Ann;

/// <summary>
/// <c>dotnet run -c Release --project bench/Citadel.Bench -- ann [--n 100000] [--dims 128,768] [--queries 1000]</c>:
/// Citadel's HNSW against hnswlib on the same data.
/// </summary>
internal static class AnnDriver
{
    public static int Run(string[] args)
    {
        var n = Arg(args, "--n", 100_000);
        var queries = Arg(args, "--queries", 1000);
        var m = Arg(args, "--m", 16);
        var efc = Arg(args, "--ef-construct", 100);
        var dims = (ArgString(args, "--dims") ?? "128,768").Split(',').Select(int.Parse).ToArray();
        foreach (var dim in dims)
        {
            var data = ClusteredGaussian.Generate(n, dim, 100, seed: 1);
            var q = ClusteredGaussian.Generate(queries, dim, 100, seed: 2);
            var sw = Stopwatch.StartNew();
            var truth = GroundTruth.Compute(data, q, dim, 10);
            Console.WriteLine($"dim {dim}: ground truth in {sw.Elapsed.TotalSeconds:F1}s");
            var citadel = CitadelAnn.Build(data, dim, m, efc, Arg(args, "--threads", 1));
            Console.WriteLine($"citadel build {citadel.BuildSeconds:F1}s, graph {citadel.GraphBytes / 1e6:F1} MB");
            foreach (var ef in new[] { 10, 16, 24, 32, 48, 64, 100, 128, 192, 256 })
            {
                var found = new int[queries][];
                sw.Restart();
                for (var i = 0; i < queries; i++)
                {
                    found[i] = citadel.Search(q.AsSpan(i * dim, dim), 10, ef);
                }

                var secs = sw.Elapsed.TotalSeconds;
                Console.WriteLine($"  ef {ef,4}: recall {GroundTruth.Recall(truth, found, 10):F4}  qps {queries / secs:F0}");
            }
        }

        return 0;
    }

    private static int Arg(string[] args, string name, int fallback) => ArgString(args, name) is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    private static string? ArgString(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
