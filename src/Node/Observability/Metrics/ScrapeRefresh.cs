using Citadel.Audit;
using Citadel.Node.Observability.Cluster;
using Citadel.Node.Observability.Requests;
using Citadel.Storage.Collections;
using Prometheus;

namespace Citadel.Node.Observability.Metrics;

/// <summary>
/// Values that are state rather than events, read from their owners just before each scrape: collections, cluster,
/// audit writer, memory, and the per-endpoint response counters (kept once, in <see cref="RequestStats"/>, for
/// telemetry and metrics alike). Metrics that only exist in some modes (cluster, audit) are not shown until set.
/// </summary>
internal sealed class ScrapeRefresh
{
    private static readonly GaugeConfiguration Deferred = new() { SuppressInitialValue = true };
    private static readonly CounterConfiguration DeferredCounter = new() { SuppressInitialValue = true };

    private readonly CollectionManager _collections;
    private readonly AuditWriter? _audit;
    private readonly string _auditDirectory;
    private readonly IClusterMetricsSource _cluster;
    private readonly RequestStats _rest;
    private readonly RequestStats _grpc;

    private readonly Gauge _collectionsTotal;
    private readonly Gauge _vectorsTotal;
    private readonly Gauge _clusterEnabled;
    private readonly Gauge _peersTotal;
    private readonly Counter _term;
    private readonly Counter _commit;
    private readonly Gauge _pending;
    private readonly Gauge _voter;
    private readonly Gauge _role;
    private readonly Gauge _peerReachable;
    private readonly Gauge _auditQueue;
    private readonly Counter _auditWriteErrors;
    private readonly Counter _auditWritten;
    private readonly Counter _auditDropped;
    private readonly Gauge _auditFailing;
    private readonly Gauge _auditDirSize;
    private readonly Gauge _memActive;
    private readonly Gauge _memAllocated;
    private readonly Gauge _memResident;
    private readonly Gauge _memRetained;
    private readonly ResponseCounters _restCounters;
    private readonly ResponseCounters _grpcCounters;

    public ScrapeRefresh(NodeMetrics metrics, CollectionManager collections, AuditWriter? audit, string auditDirectory, IClusterMetricsSource cluster, RequestStats rest, RequestStats grpc)
    {
        _collections = collections;
        _audit = audit;
        _auditDirectory = auditDirectory;
        _cluster = cluster;
        _rest = rest;
        _grpc = grpc;
        var f = metrics.Factory;
        string N(string name) => metrics.Name(name);

        f.CreateGauge(N("app_info"), "information about the server", ["name", "version"]).WithLabels("citadel", VersionInfo.Version).Set(1);
        _collectionsTotal = f.CreateGauge(N("collections_total"), "number of collections");
        _vectorsTotal = f.CreateGauge(N("collections_vector_total"), "total number of vectors in all collections");
        _clusterEnabled = f.CreateGauge(N("cluster_enabled"), "is cluster support enabled");
        _peersTotal = f.CreateGauge(N("cluster_peers_total"), "total number of cluster peers", Deferred);
        _term = f.CreateCounter(N("cluster_term"), "current cluster term", DeferredCounter);
        _commit = f.CreateCounter(N("cluster_commit"), "index of last committed (finalized) operation cluster peer is aware of", ["peer_id"], DeferredCounter);
        _pending = f.CreateGauge(N("cluster_pending_operations_total"), "total number of pending operations for cluster peer", Deferred);
        _voter = f.CreateGauge(N("cluster_voter"), "is cluster peer a voter or learner", Deferred);
        _role = f.CreateGauge(N("citadel_raft_role"), "1 for the Raft role this peer is in", ["role"], Deferred);
        _peerReachable = f.CreateGauge(N("citadel_cluster_peer_reachable"), "1 when the last exchange with the peer succeeded", ["peer_id"], Deferred);
        _auditQueue = f.CreateGauge(N("citadel_audit_queue_depth"), "audit entries waiting to be written", Deferred);
        _auditWriteErrors = f.CreateCounter(N("citadel_audit_write_errors_total"), "failed attempts to write audit entries", DeferredCounter);
        _auditWritten = f.CreateCounter(N("citadel_audit_entries_written_total"), "audit entries written", DeferredCounter);
        _auditDropped = f.CreateCounter(N("citadel_audit_entries_dropped_total"), "audit entries lost (queue full or write failure under the drop policy)", DeferredCounter);
        _auditFailing = f.CreateGauge(N("citadel_audit_write_failing"), "1 while audit entries cannot be written", Deferred);
        _auditDirSize = f.CreateGauge(N("audit_log_dir_size_bytes"), "size of the audit log directory", Deferred);
        _memActive = f.CreateGauge(N("memory_active_bytes"), "committed bytes of the managed heap");
        _memAllocated = f.CreateGauge(N("memory_allocated_bytes"), "bytes allocated on the managed heap");
        _memResident = f.CreateGauge(N("memory_resident_bytes"), "resident memory of the process");
        _memRetained = f.CreateGauge(N("memory_retained_bytes"), "virtual memory of the process");
        _restCounters = new ResponseCounters(metrics, "rest", ["method", "endpoint", "status"]);
        _grpcCounters = new ResponseCounters(metrics, "grpc", ["endpoint", "status"]);
        metrics.Registry.AddBeforeCollectCallback(Refresh);
    }

    private void Refresh()
    {
        _rest.Prune(_collections.CollectionExists);
        _grpc.Prune(_collections.CollectionExists);
        RefreshCollections();
        RefreshCluster(_cluster.Snapshot());
        RefreshAudit();
        var memory = ProcessMemory.Read();
        _memActive.Set(memory.ActiveBytes);
        _memAllocated.Set(memory.AllocatedBytes);
        _memResident.Set(memory.ResidentBytes);
        _memRetained.Set(memory.RetainedBytes);
        _restCounters.Refresh(_rest.Responses(), endpoint => SplitRestEndpoint(endpoint), "200");
        _grpcCounters.Refresh(_grpc.Responses(), endpoint => [endpoint], "0");
    }

    private void RefreshCollections()
    {
        var names = _collections.CollectionNames;
        long vectors = 0;
        foreach (var name in names)
        {
            if (_collections.TryGet(name) is { } collection)
            {
                vectors += collection.PointCount * Math.Max(1, collection.Config.Params.Vectors.Count);
            }
        }

        _collectionsTotal.Set(names.Count);
        _vectorsTotal.Set(vectors);
    }

    private void RefreshCluster(ClusterMetricsSnapshot cluster)
    {
        _clusterEnabled.Set(cluster.Enabled ? 1 : 0);
        if (!cluster.Enabled)
        {
            return;
        }

        _peersTotal.Set(cluster.PeerCount);
        _term.IncTo(cluster.Term);
        if (cluster.PeerId is { } peerId)
        {
            _commit.WithLabels(peerId.ToString(System.Globalization.CultureInfo.InvariantCulture)).IncTo(cluster.Commit);
        }

        _pending.Set(cluster.PendingOperations);
        _voter.Set(cluster.IsVoter ? 1 : 0);
        foreach (var role in Enum.GetValues<RaftRole>())
        {
            _role.WithLabels(role.ToString()).Set(cluster.Role == role ? 1 : 0);
        }

        foreach (var stale in _peerReachable.GetAllLabelValues().Where(l => !cluster.Peers.Any(p => Label(p.PeerId) == l[0])).ToList())
        {
            _peerReachable.RemoveLabelled(stale);
        }

        foreach (var peer in cluster.Peers)
        {
            _peerReachable.WithLabels(Label(peer.PeerId)).Set(peer.Reachable ? 1 : 0);
        }
    }

    private void RefreshAudit()
    {
        if (_audit is null)
        {
            return;
        }

        var stats = _audit.Stats;
        _auditQueue.Set(stats.QueueDepth);
        _auditWriteErrors.IncTo(stats.WriteErrors);
        _auditWritten.IncTo(stats.Written);
        _auditDropped.IncTo(stats.Dropped);
        _auditFailing.Set(_audit.FailureDetail is null ? 0 : 1);
        _auditDirSize.Set(DirectorySize(_auditDirectory));
    }

    private static string[] SplitRestEndpoint(string endpoint)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        return [endpoint[..space], endpoint[(space + 1)..]];
    }

    private static string Label(ulong peerId) => peerId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static long DirectorySize(string directory)
    {
        try
        {
            return new DirectoryInfo(directory).EnumerateFiles().Sum(f => f.Length);
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
