using System.Diagnostics;
using System.Globalization;
using Citadel.Tests.Integration.Infrastructure;

namespace Citadel.Tests.Chaos.Infrastructure;

/// <summary>
/// A real multi-process cluster on loopback: every peer presents a certificate for
/// <c>&lt;name&gt;.peers.citadel.test</c> (and 127.0.0.1) signed by a CA this run generates, the peer allow-list is
/// <c>*.peers.citadel.test</c>, and peer traffic runs over mutual TLS. REST and gRPC stay plain HTTP on loopback (the
/// public TLS path has its own tests) with an admin and a read-only key and the audit log on.
/// </summary>
internal sealed class TestCluster : IAsyncDisposable
{
    public const string AdminKey = "chaos-admin-key-0123456789";
    public const string ReadOnlyKey = "chaos-read-only-key-0123456789";
    public const string AllowList = "*.peers.citadel.test";

    private readonly string _root;
    private readonly IReadOnlyDictionary<string, string> _extra;
    private int _next;

    private TestCluster(string root, TestCertificates certificates, IReadOnlyDictionary<string, string> extra)
    {
        _root = root;
        Certificates = certificates;
        _extra = extra;
    }

    public TestCertificates Certificates { get; }

    public List<ClusterPeer> Peers { get; } = [];

    public static async Task<TestCluster> StartAsync(int size, IReadOnlyDictionary<string, string>? extra = null)
    {
        var root = TempDirectory.CreatePath("cluster");
        var cluster = new TestCluster(root, TestCertificates.Create(Path.Combine(root, "certs")), extra ?? new Dictionary<string, string>());
        try
        {
            var first = await cluster.AddPeerAsync(bootstrap: null);
            for (var i = 1; i < size; i++)
            {
                await cluster.AddPeerAsync(first);
            }

            await cluster.WaitForAgreementAsync(TimeSpan.FromSeconds(30));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a new peer: the first forms the cluster, the others join through <paramref name="bootstrap"/>.</summary>
    public async Task<ClusterPeer> AddPeerAsync(ClusterPeer? bootstrap)
    {
        var name = "node" + (++_next).ToString(CultureInfo.InvariantCulture);
        var (cert, key, _) = Certificates.WriteServer(name, $"{name}.peers.citadel.test");
        var port = NodeProcess.PickFreePort();
        var env = new Dictionary<string, string>
        {
            ["QDRANT__CLUSTER__ENABLED"] = "true",
            ["QDRANT__CLUSTER__P2P__PORT"] = port.ToString(CultureInfo.InvariantCulture),
            ["QDRANT__CLUSTER__P2P__ENABLE_TLS"] = "true",
            ["QDRANT__CLUSTER__P2P__ALLOWED_IDENTITIES"] = AllowList,
            ["QDRANT__TLS__CERT"] = cert,
            ["QDRANT__TLS__KEY"] = key,
            ["QDRANT__TLS__CA_CERT"] = Certificates.CaPath,
            ["QDRANT__SERVICE__API_KEY"] = AdminKey,
            ["QDRANT__SERVICE__READ_ONLY_API_KEY"] = ReadOnlyKey,
            ["QDRANT__AUDIT__ENABLED"] = "true",
            ["QDRANT__TELEMETRY_DISABLED"] = "true",
            ["QDRANT_URI"] = $"https://127.0.0.1:{port}",
        };
        foreach (var (k, v) in _extra)
        {
            env[k] = v;
        }

        var peer = new ClusterPeer(name, Path.Combine(_root, name), env, port);
        Peers.Add(peer);
        await peer.StartAsync(bootstrap is null ? null : new Dictionary<string, string> { ["QDRANT_BOOTSTRAP"] = bootstrap.PeerUri.ToString() });
        return peer;
    }

    public IEnumerable<ClusterPeer> Running => Peers.Where(p => p.IsRunning);

    /// <summary>Waits until every running peer names the same leader and knows the same peers; returns the leader.</summary>
    public async Task<ClusterPeer> WaitForAgreementAsync(TimeSpan timeout, ulong? notLeader = null)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < timeout)
        {
            try
            {
                var running = Running.ToList();
                var views = await Task.WhenAll(running.Select(p => p.ClusterAsync()));
                var leaders = views.Select(v => v.Leader).Distinct().ToList();
                var peerSets = views.Select(v => string.Join(',', v.Peers.Keys.Order())).Distinct().ToList();
                last = $"leaders [{string.Join(", ", leaders)}], peer sets [{string.Join(" | ", peerSets)}]";
                var index = Array.FindIndex(views, v => v.PeerId == leaders[0]);
                if (leaders is [{ } leader] && leader != notLeader && peerSets.Count == 1 && index >= 0)
                {
                    return running[index];
                }
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the peers did not agree within {timeout.TotalSeconds} s: {last}");
    }

    /// <summary>The running peer with id <paramref name="peerId"/>.</summary>
    public async Task<ClusterPeer> ByIdAsync(ulong peerId)
    {
        foreach (var peer in Running)
        {
            if ((await peer.ClusterAsync()).PeerId == peerId)
            {
                return peer;
            }
        }

        throw new InvalidOperationException($"no running peer has id {peerId}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var peer in Peers)
        {
            await peer.DisposeAsync();
        }

        Certificates.Dispose();
        if (Environment.GetEnvironmentVariable("CITADEL_KEEP_TEST_DIRS") != "1")
        {
            TempDirectory.DeleteQuietly(_root);
        }
    }
}
