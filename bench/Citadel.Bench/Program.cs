using BenchmarkDotNet.Running;
using Citadel.Bench.Load;

namespace Citadel.Bench;

/// <summary>
/// Micro benchmarks: <c>dotnet run -c Release --project bench/Citadel.Bench -- --filter '*'</c>.
/// End-to-end load: <c>dotnet run -c Release --project bench/Citadel.Bench -- load</c>.
/// TLS + JWT against plain in one run: <c>… -- compare-security</c>; audit on against off: <c>… -- compare-audit</c>.
/// <c>POST /audit/logs</c> over a month of files: <c>… -- audit-query</c>.
/// Snapshot create / recover throughput: <c>… -- snapshot</c>.
/// Cluster commit latency and failover: <c>… -- cluster [ops] [kills]</c>.
/// Vector index against hnswlib: <c>dotnet run -c Release --project bench/Citadel.Bench -- ann</c>.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "ann")
        {
            return Ann.AnnDriver.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "load")
        {
            return await LoadDriver.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "snapshot")
        {
            return await Snapshots.SnapshotBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "cluster")
        {
            return await Cluster.ClusterBench.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "compare-security")
        {
            return await ConfigComparison.RunSecurityAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "compare-audit")
        {
            return await ConfigComparison.RunAuditAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "audit-query")
        {
            return await Audit.AuditQueryBench.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
