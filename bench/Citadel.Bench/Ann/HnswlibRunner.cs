using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Citadel.Bench.Ann;

/// <summary>
/// Runs hnswlib-node (bench/hnswlib/ann.mjs) on the same vectors: installs it with npm on first use (it builds from
/// source with node-gyp), hands the data over as binary files and reads one JSON result from stdout.
/// </summary>
internal static class HnswlibRunner
{
    public static void WriteData(string dir, float[] data, float[] queries, int[] truth)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, "base.f32"), MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(dir, "queries.f32"), MemoryMarshal.AsBytes(queries.AsSpan()).ToArray());
        File.WriteAllBytes(Path.Combine(dir, "gt.i32"), MemoryMarshal.AsBytes(truth.AsSpan()).ToArray());
    }

    public static void EnsureInstalled(string scriptDir)
    {
        if (Directory.Exists(Path.Combine(scriptDir, "node_modules", "hnswlib-node", "build", "Release")))
        {
            return;
        }

        // Built for this CPU (AVX2/FMA), as bench/ann.sh does: the npm default has no -march and falls back to SSE.
        Run("npm", ["install", "--no-audit", "--no-fund"], scriptDir, TimeSpan.FromMinutes(10), ("CXXFLAGS", "-O3 -march=native"));
    }

    public static AnnEngineResult Measure(string scriptDir, string dataDir, int dim, int m, int efConstruct, int[] efs, int threads, int reps)
    {
        var stdout = Run("node", [Path.Combine(scriptDir, "ann.mjs"), dataDir, dim.ToString(CultureInfo.InvariantCulture), m.ToString(CultureInfo.InvariantCulture),
            efConstruct.ToString(CultureInfo.InvariantCulture), string.Join(',', efs), threads.ToString(CultureInfo.InvariantCulture), reps.ToString(CultureInfo.InvariantCulture)],
            scriptDir, TimeSpan.FromHours(1));
        using var doc = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var root = doc.RootElement;
        static List<AnnPoint> Curve(JsonElement e) => e.EnumerateArray()
            .Select(p => new AnnPoint(p.GetProperty("ef").GetInt32(), p.GetProperty("recall").GetDouble(), p.GetProperty("qps").GetDouble())).ToList();
        return new AnnEngineResult(
            "hnswlib-node",
            root.GetProperty("buildSeconds").GetDouble(),
            null,
            root.GetProperty("indexBytes").GetInt64(),
            $"index file (vectors + links + labels); RSS grew {root.GetProperty("rssDeltaBytes").GetInt64() / 1e6:F0} MB during the build",
            Curve(root.GetProperty("single")),
            Curve(root.GetProperty("multi")));
    }

    private static string Run(string file, string[] args, string workingDirectory, TimeSpan timeout, params (string Name, string Value)[] environment)
    {
        var psi = new ProcessStartInfo(file) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            psi.Environment[name] = value;
        }

        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} ran longer than {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
