using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Citadel.Bench.Ann;

/// <summary>Writes the ANN results as JSON (input of the plot) and as the markdown tables of docs/benchmarks.md.</summary>
internal static class AnnReport
{
    private static readonly double[] Targets = [0.90, 0.95, 0.99];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void WriteJson(string path, IReadOnlyList<AnnDatasetResult> results) =>
        File.WriteAllText(path, JsonSerializer.Serialize(results, Indented));

    /// <summary>Renders the recall/QPS plot with Debian's python3-matplotlib, when it is installed.</summary>
    public static void Plot(string script, string json, string png)
    {
        const string python = "/usr/bin/python3";
        if (!File.Exists(python))
        {
            Console.WriteLine("no /usr/bin/python3: plot skipped");
            return;
        }

        var psi = new ProcessStartInfo(python) { RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(json);
        psi.ArgumentList.Add(png);
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Console.WriteLine(p.ExitCode == 0 ? $"plot: {png}" : $"plot failed (apt-get install python3-matplotlib?): {err}");
    }

    public static string Markdown(IReadOnlyList<AnnDatasetResult> results)
    {
        var sb = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        foreach (var r in results)
        {
            sb.AppendLine(c, $"#### {r.Count:N0} × {r.Dimension}-d, {r.Queries:N0} queries, M {r.M}, ef_construction {r.EfConstruct}");
            sb.AppendLine();
            sb.AppendLine("| recall@10 ≥ | threads | Citadel QPS (ef) | hnswlib-node QPS (ef) | Citadel / hnswlib |");
            sb.AppendLine("| --- | --- | --- | --- | --- |");
            foreach (var (threads, pick) in new (int, Func<AnnEngineResult, IReadOnlyList<AnnPoint>>)[] { (1, e => e.Single), (r.Threads, e => e.Multi) })
            {
                foreach (var t in Targets)
                {
                    var cq = AnnEngineResult.QpsAt(pick(r.Citadel), t);
                    var hq = AnnEngineResult.QpsAt(pick(r.Hnswlib), t);
                    var ratio = cq is { } a && hq is { } b ? (a / b).ToString("F2", c) : "–";
                    sb.AppendLine(c, $"| {t:F2} | {threads} | {Fmt(cq)} ({AnnEngineResult.EfAt(pick(r.Citadel), t)?.ToString(c) ?? "–"}) | {Fmt(hq)} ({AnnEngineResult.EfAt(pick(r.Hnswlib), t)?.ToString(c) ?? "–"}) | {ratio} |");
                }
            }

            sb.AppendLine();
            sb.AppendLine("| | Citadel | hnswlib-node |");
            sb.AppendLine("| --- | --- | --- |");
            sb.AppendLine(c, $"| build, 1 thread | {r.Citadel.BuildSeconds:F1} s | {r.Hnswlib.BuildSeconds:F1} s (ratio {r.Citadel.BuildSeconds / r.Hnswlib.BuildSeconds:F2}) |");
            sb.AppendLine(c, $"| build, {r.Threads} threads | {r.Citadel.ParallelBuildSeconds:F1} s | – (hnswlib-node inserts on one thread) |");
            sb.AppendLine(c, $"| memory | {r.Citadel.MemoryBytes / 1e6:F1} MB: {r.Citadel.MemoryNote} | {r.Hnswlib.MemoryBytes / 1e6:F1} MB: {r.Hnswlib.MemoryNote} |");
            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Fmt(double? qps) => qps is { } q ? q.ToString("N0", CultureInfo.InvariantCulture) : "not reached";
}
