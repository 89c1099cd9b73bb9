using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Citadel.Bench.Load;

namespace Citadel.Bench.Cluster;

/// <summary>
/// <c>dotnet run -c Release --project bench/Citadel.Bench -- cluster [ops] [kills]</c>: three peers on loopback with
/// mutual TLS on the peer port. Measures the commit latency of collection creates and alias changes (request to
/// answer, through the leader, which includes waiting until every peer applied the change) against the same
/// operations on a standalone node in the same run, then the time to a new leader after <c>kill -9</c> of the leader.
/// </summary>
internal static class ClusterBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ops = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var kills = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var root = Directory.CreateTempSubdirectory("citadel-cluster-bench-").FullName;
        Console.WriteLine($"# Citadel cluster run {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, .NET {Environment.Version}; {ops} metadata operations, {kills} leader kills");
        try
        {
            var (cert, key, ca) = BenchCertificates.Write(root);
            var caPath = Path.Combine(root, "ca.pem");
            await File.WriteAllTextAsync(caPath, ca.ExportCertificatePem());

            await using (var standalone = new BenchPeer(Dir(root, "standalone"), new Dictionary<string, string>()))
            {
                await standalone.StartAsync();
                Report("standalone", await MetadataLatencyAsync(standalone, ops));
            }

            var peers = new List<BenchPeer>();
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    peers.Add(new BenchPeer(Dir(root, $"peer{i}"), new Dictionary<string, string>
                    {
                        ["QDRANT__CLUSTER__ENABLED"] = "true",
                        ["QDRANT__CLUSTER__P2P__ENABLE_TLS"] = "true",
                        ["QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES"] = "localhost",
                        ["QDRANT__TLS__CERT"] = cert,
                        ["QDRANT__TLS__KEY"] = key,
                        ["QDRANT__TLS__CA_CERT"] = caPath,
                    }));
                }

                await peers[0].StartAsync(Uri(peers[0]));
                foreach (var peer in peers.Skip(1))
                {
                    await peer.StartAsync(new Dictionary<string, string>(Uri(peer)) { ["QDRANT_BOOTSTRAP"] = $"https://127.0.0.1:{peers[0].P2pPort}" });
                }

                var leader = await LeaderAsync(peers, notLeader: null);
                Report("3 peers, mTLS, via leader", await MetadataLatencyAsync(leader.Peer, ops));
                var follower = peers.First(p => p != leader.Peer);
                Report("3 peers, mTLS, via follower", await MetadataLatencyAsync(follower, ops, prefix: "f"));

                var failovers = new List<double>();
                for (var k = 0; k < kills; k++)
                {
                    var current = await LeaderAsync(peers, notLeader: null);
                    var clock = Stopwatch.StartNew();
                    current.Peer.Kill();
                    await LeaderAsync(peers, notLeader: current.Id);
                    failovers.Add(clock.Elapsed.TotalMilliseconds);
                    await current.Peer.StartAsync();
                    await LeaderAsync(peers, notLeader: null);
                }

                failovers.Sort();
                if (failovers.Count > 0)
                {
                    Console.WriteLine($"failover after kill -9 of the leader (n={failovers.Count}): p50 {Percentile(failovers, 0.5):0} ms, max {failovers[^1]:0} ms, min {failovers[0]:0} ms");
                }
            }
            finally
            {
                foreach (var peer in peers)
                {
                    await peer.DisposeAsync();
                }
            }

            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string Dir(string root, string name) => Directory.CreateDirectory(Path.Combine(root, name)).FullName;

    private static Dictionary<string, string> Uri(BenchPeer peer) => new() { ["QDRANT_URI"] = $"https://127.0.0.1:{peer.P2pPort}" };

    /// <summary>Creates then aliases <paramref name="ops"/>/2 collections each; latencies in milliseconds.</summary>
    private static async Task<(List<double> Creates, List<double> Aliases)> MetadataLatencyAsync(BenchPeer peer, int ops, string prefix = "c")
    {
        var creates = new List<double>();
        var aliases = new List<double>();
        for (var i = 0; i < ops / 2; i++)
        {
            var clock = Stopwatch.StartNew();
            using (var created = await peer.Http.PutAsJsonAsync($"/collections/{prefix}{i}", new { vectors = new { size = 4, distance = "Dot" } }))
            {
                created.EnsureSuccessStatusCode();
            }

            creates.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var body = new { actions = new object[] { new { create_alias = new { collection_name = $"{prefix}{i}", alias_name = $"{prefix}alias{i}" } } } };
            using (var aliased = await peer.Http.PostAsJsonAsync("/collections/aliases", body))
            {
                aliased.EnsureSuccessStatusCode();
            }

            aliases.Add(clock.Elapsed.TotalMilliseconds);
        }

        creates.Sort();
        aliases.Sort();
        return (creates, aliases);
    }

    private static void Report(string setup, (List<double> Creates, List<double> Aliases) latencies)
    {
        Console.WriteLine($"{setup}: collection create p50 {Percentile(latencies.Creates, 0.5):0.00} ms, p99 {Percentile(latencies.Creates, 0.99):0.00} ms; "
            + $"alias change p50 {Percentile(latencies.Aliases, 0.5):0.00} ms, p99 {Percentile(latencies.Aliases, 0.99):0.00} ms (n={latencies.Creates.Count}+{latencies.Aliases.Count})");
    }

    /// <summary>Polls until every running peer names the same leader (not <paramref name="notLeader"/>).</summary>
    private static async Task<(BenchPeer Peer, ulong Id)> LeaderAsync(List<BenchPeer> peers, ulong? notLeader)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            var running = peers.Where(p => p.Running).ToList();
            var views = await Task.WhenAll(running.Select(p => p.ViewAsync()));
            if (views.All(v => v is { Leader: not null }) && views.Select(v => v!.Value.Leader).Distinct().Count() == 1)
            {
                var leader = views[0]!.Value.Leader!.Value;
                var index = Array.FindIndex(views, v => v!.Value.Self == leader);
                if (leader != notLeader && index >= 0)
                {
                    return (running[index], leader);
                }
            }

            await Task.Delay(10);
        }

        throw new TimeoutException("no agreed leader within 60 s");
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
