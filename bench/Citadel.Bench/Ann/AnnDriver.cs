using System.Diagnostics;
using System.Globalization;

namespace Citadel.Bench.Ann;

/// <summary>
/// <c>dotnet run -c Release --project bench/Citadel.Bench -- ann [--n 100000] [--dims 128,768] [--queries 1000]
/// [--m 16] [--ef-construct 100] [--threads 2] [--reps 3]</c>: Citadel's HNSW against hnswlib-node on the same
/// fixed-seed clustered Gaussian data, with exact ground truth; writes docs/benchmarks/hnsw-*.json, a PNG plot and
/// a markdown summary on stdout. With <c>--filtered</c>: Citadel's filtered search instead (see <see cref="AnnFiltered"/>).
/// </summary>
internal static class AnnDriver
{
    private static readonly int[] Efs = [10, 12, 16, 20, 24, 32, 40, 48, 64, 80, 100, 128, 160, 200, 256, 320, 400, 512];

    public static int Run(string[] args)
    {
        var n = Arg(args, "--n", 100_000);
        var queries = Arg(args, "--queries", 1000);
        var m = Arg(args, "--m", 16);
        var efc = Arg(args, "--ef-construct", 100);
        var threads = Arg(args, "--threads", 2);
        var reps = Arg(args, "--reps", 3);
        var dims = (ArgString(args, "--dims") ?? "128,768").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        if (args.Contains("--filtered"))
        {
            foreach (var dim in dims)
            {
                Console.WriteLine(AnnFiltered.Run(n, dim, queries, m, efc, threads));
            }

            return 0;
        }

        var root = RepoRoot();
        var scriptDir = Path.Combine(root, "bench", "hnswlib");
        var outDir = Path.Combine(root, "docs", "benchmarks");
        var work = Directory.CreateTempSubdirectory("citadel-ann-").FullName;
        Directory.CreateDirectory(outDir);
        HnswlibRunner.EnsureInstalled(scriptDir);
        Console.WriteLine($"load average at start: {LoadAverage()}");

        var results = new List<AnnDatasetResult>();
        try
        {
            foreach (var dim in dims)
            {
                results.Add(RunDataset(n, dim, queries, m, efc, threads, reps, scriptDir, Path.Combine(work, $"d{dim}")));
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        Console.WriteLine($"load average at end: {LoadAverage()}");
        var json = Path.Combine(outDir, "hnsw-results.json");
        AnnReport.WriteJson(json, results);
        AnnReport.Plot(Path.Combine(root, "bench", "hnswlib", "plot.py"), json, Path.Combine(outDir, "hnsw-recall-qps.png"));
        Console.WriteLine(AnnReport.Markdown(results));
        return 0;
    }

    private static AnnDatasetResult RunDataset(int n, int dim, int queryCount, int m, int efc, int threads, int reps, string scriptDir, string dataDir)
    {
        Console.WriteLine($"== {n} x {dim}-d, {queryCount} queries, M {m}, ef_construction {efc}");
        var data = ClusteredGaussian.Generate(n, dim, 100, seed: 1);
        var queries = ClusteredGaussian.Generate(queryCount, dim, 100, seed: 2);
        var sw = Stopwatch.StartNew();
        var truth = GroundTruth.Compute(data, queries, dim, 10);
        var gtSeconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine($"ground truth: {gtSeconds:F1}s");
        HnswlibRunner.WriteData(dataDir, data, queries, truth);

        // Built twice: the parallel build for its time, the single-threaded one (like hnswlib-node's) for the sweeps.
        var parallelSeconds = CitadelAnn.Build(data, dim, m, efc, threads).BuildSeconds;
        Console.WriteLine($"citadel build, {threads} threads: {parallelSeconds:F1}s");
        var citadel = CitadelAnn.Build(data, dim, m, efc, 1);
        Console.WriteLine($"citadel build, 1 thread: {citadel.BuildSeconds:F1}s");
        var single = CitadelSweep.Run(citadel, queries, dim, truth, Efs, 1, reps);
        var multi = CitadelSweep.Run(citadel, queries, dim, truth, Efs, threads, reps);
        var citadelResult = new AnnEngineResult(
            "Citadel",
            citadel.BuildSeconds,
            parallelSeconds,
            citadel.GraphBytes,
            $"graph arrays (managed heap grew {citadel.HeapGrowthBytes / 1e6:F1} MB over the build); the {citadel.VectorBytes / 1e6:F0} MB of vectors stay in the segment",
            single,
            multi);
        Console.WriteLine("hnswlib-node ...");
        var hnswlib = HnswlibRunner.Measure(scriptDir, dataDir, dim, m, efc, Efs, threads, reps);
        Console.WriteLine($"hnswlib build, 1 thread: {hnswlib.BuildSeconds:F1}s");
        return new AnnDatasetResult(n, dim, queryCount, m, efc, threads, gtSeconds, citadelResult, hnswlib);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Cluster.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static int Arg(string[] args, string name, int fallback) => ArgString(args, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : fallback;

    private static string? ArgString(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
