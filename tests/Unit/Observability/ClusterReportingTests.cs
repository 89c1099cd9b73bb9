using System.Text;
using System.Text.Json;
using Citadel.Auth.Access;
using Citadel.Node.Configuration;
using Citadel.Node.Observability;
using Citadel.Node.Observability.Cluster;
using Citadel.Node.Observability.Telemetry;
using Citadel.Storage.Collections;
using Microsoft.Extensions.Logging.Abstractions;

namespace Citadel.Tests.Unit.Observability;

/// <summary>What a cluster's <see cref="IClusterMetricsSource"/> turns into in metrics and telemetry.</summary>
public sealed class ClusterReportingTests : IDisposable
{
    private static readonly ClusterMetricsSnapshot ThreePeers = new(
        Enabled: true, PeerId: 1, PeerCount: 3, Term: 5, Commit: 42, PendingOperations: 2, Role: RaftRole.Leader, IsVoter: true,
        Peers: [new PeerLink(2, "https://p2:6335", Reachable: false), new PeerLink(3, "https://p3:6335", Reachable: true)]);

    private readonly string _storage = Directory.CreateTempSubdirectory("citadel-cluster-report-").FullName;
    private readonly CollectionManager _collections;
    private readonly NodeSettings _settings;

    public ClusterReportingTests()
    {
        _settings = new NodeSettings { Storage = new StorageSettings { StoragePath = _storage } };
        _collections = CollectionManager.Open(_storage, CollectionDefaults.Qdrant, NullLogger.Instance);
    }

    [Fact]
    public async Task Metrics_ShowRaftStateAndPeerLinks_FromTheSource()
    {
        var observability = new NodeObservability(_settings, _collections, audit: null, new FixedCluster(ThreePeers));
        using var stream = new MemoryStream();
        await observability.Metrics.WriteAsync(stream, CancellationToken.None);
        var text = Encoding.UTF8.GetString(stream.ToArray());

        foreach (var sample in new[]
        {
            "cluster_enabled 1", "cluster_peers_total 3", "cluster_term 5", "cluster_commit{peer_id=\"1\"} 42",
            "cluster_pending_operations_total 2", "cluster_voter 1", "citadel_raft_role{role=\"Leader\"} 1",
            "citadel_raft_role{role=\"Follower\"} 0", "citadel_cluster_peer_reachable{peer_id=\"2\"} 0",
            "citadel_cluster_peer_reachable{peer_id=\"3\"} 1",
        })
        {
            Assert.Contains("\n" + sample + "\n", "\n" + text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MetricsPrefix_PrefixesCitadelAndQdrantNames_NotProcessStatistics()
    {
        var settings = _settings with { Service = new ServiceSettings { MetricsPrefix = "qdrant_" } };
        var observability = new NodeObservability(settings, _collections, audit: null);
        using var stream = new MemoryStream();
        await observability.Metrics.WriteAsync(stream, CancellationToken.None);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("\nqdrant_collections_total 0\n", text, StringComparison.Ordinal);
        Assert.Contains("\nqdrant_cluster_enabled 0\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\ncollections_total", text, StringComparison.Ordinal);
        Assert.Contains("\nprocess_open_handles ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Telemetry_ShowsRaftStatusFromLevel1_AndPeersFromLevel2_ToGlobalAccessOnly()
    {
        var observability = new NodeObservability(_settings, _collections, audit: null, new FixedCluster(ThreePeers));
        var cluster = Report(observability, Access.Read, 2).GetProperty("cluster");
        Assert.True(cluster.GetProperty("enabled").GetBoolean());
        Assert.Equal(42, cluster.GetProperty("status").GetProperty("commit").GetInt64());
        Assert.Equal("Leader", cluster.GetProperty("status").GetProperty("role").GetString());
        Assert.Equal("https://p3:6335", cluster.GetProperty("peers").GetProperty("3").GetProperty("uri").GetString());
        Assert.False(Report(observability, Access.Read, 0).GetProperty("cluster").TryGetProperty("status", out _));
        Assert.False(Report(observability, Access.ForCollections([]), 2).TryGetProperty("cluster", out _));
    }

    public void Dispose()
    {
        _collections.Dispose();
        Directory.Delete(_storage, recursive: true);
    }

    private JsonElement Report(NodeObservability observability, Access access, uint level)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            TelemetryReport.Write(w, new TelemetryContext(observability, _settings, _collections, access, new TelemetryRequest(false, level, false)));
        }

        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }

    private sealed class FixedCluster(ClusterMetricsSnapshot snapshot) : IClusterMetricsSource
    {
        public ClusterMetricsSnapshot Snapshot() => snapshot;
    }
}
