using Citadel.Audit;
using Citadel.Auth;
using Citadel.Auth.Credentials;
using Citadel.Auth.Tls;
using Citadel.Node.Api;
using Citadel.Node.Cluster;
using Citadel.Node.Cluster.Peer;
using Citadel.Node.Configuration;
using Citadel.Node.Observability;
using Citadel.Node.Security;
using Citadel.Storage.Collections;

namespace Citadel.Node.Hosting;

/// <summary>The node's long-lived core objects, shared by the REST, gRPC and peer servers.</summary>
internal sealed class NodeServices(NodeSettings settings, CollectionManager collections, IMetaProposer meta, ServerTls? tls, AuditWriter? audit, ClusterNode? cluster = null, NodeObservability? observability = null)
{
    public NodeSettings Settings { get; } = settings;

    /// <summary>This node as a cluster peer, or null in single-node mode.</summary>
    public ClusterNode? Cluster { get; } = cluster;

    /// <summary>The configured API keys.</summary>
    public KeyRing Keys => field ??= new(Settings.Service.ApiKey, Settings.Service.AltApiKey, Settings.Service.ReadOnlyApiKey);

    /// <summary>Audit entries for every access decision (no-op when audit is off).</summary>
    public AccessAudit Audit { get; } = new(audit, settings.Audit);

    /// <summary>The public TLS material, or null when TLS is off.</summary>
    public ServerTls? Tls { get; } = tls;

    /// <summary>Credential checks shared by the REST and gRPC gates.</summary>
    public Authenticator Authenticator => field ??= new(
        Keys,
        Settings.Service.JwtRbac,
        new StorageValueExistsChecker(Collections),
        TimeProvider.System);

    public CollectionManager Collections { get; } = collections;

    public CollectionsApi CollectionsApi { get; } = new(collections, meta);

    /// <summary>Telemetry, metrics, issues and quotas (a cluster passes its own, wired to its Raft state).</summary>
    public NodeObservability Observability { get; } = observability ?? new(settings, collections, audit, cluster is null ? null : new ClusterMetricsSource(cluster, TimeProvider.System));

    public PointsApi PointsApi => field ??= new(Collections, Observability.UnindexedFields);

    public AuditApi AuditApi => field ??= new(Audit, Settings.Audit.Dir, Cluster is null ? null : new ClusterAuditPeers(Cluster));

    public PayloadIndexApi PayloadIndexApi { get; } = new(collections, meta);

    public ClusterApi ClusterApi => field ??= new(Cluster, Collections, TimeProvider.System);

    /// <summary>Registers the shared objects in a server's container.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(Settings);
        services.AddSingleton(Authenticator);
        services.AddSingleton(Audit);
        services.AddSingleton(AuditApi);
        services.AddSingleton(Collections);
        services.AddSingleton(CollectionsApi);
        services.AddSingleton(PointsApi);
        services.AddSingleton(PayloadIndexApi);
        services.AddSingleton(ClusterApi);
        if (Cluster is not null)
        {
            services.AddSingleton(Cluster);
        }
        Snapshots.SnapshotServices.AddTo(services, Settings, Collections);
        Observability.AddTo(services);
    }

    /// <summary>Storage-level defaults for new collections, from <c>storage.*</c>.</summary>
    public static CollectionDefaults CollectionDefaultsFrom(NodeSettings settings)
    {
        var s = settings.Storage;
        var o = s.Optimizers;
        var h = s.HnswIndex;
        return new CollectionDefaults(
            new HnswConfig(h.M, h.EfConstruct, (int)Math.Min(int.MaxValue, h.FullScanThresholdKb), h.MaxIndexingThreads, h.OnDisk, h.PayloadM),
            new OptimizersConfig(o.DeletedThreshold, o.VacuumMinVectorNumber, o.DefaultSegmentNumber, ToInt(o.MaxSegmentSizeKb), ToInt(o.MemmapThresholdKb), ToInt(o.IndexingThresholdKb), (ulong)o.FlushIntervalSec, o.MaxOptimizationThreads, null),
            new WalConfig(s.Wal.WalCapacityMb, s.Wal.WalSegmentsAhead, null),
            (uint)s.Collection.ReplicationFactor,
            (uint)s.Collection.WriteConsistencyFactor,
            s.Collection.ShardNumber is { } n ? (uint)n : null,
            s.OnDiskPayload);
    }

    /// <summary>The audit writer's options from <c>audit.*</c>.</summary>
    public static AuditOptions AuditOptionsFrom(AuditSettings audit) => new(
        audit.Dir,
        audit.Rotation == AuditRotation.Hourly ? AuditRotationPeriod.Hourly : AuditRotationPeriod.Daily,
        Math.Max(1, audit.MaxLogFiles),
        audit.FailurePolicy == AuditFailureMode.Drop ? AuditFailurePolicy.Drop : AuditFailurePolicy.Refuse);

    private static int? ToInt(long? v) => v is { } x ? (int)Math.Min(int.MaxValue, x) : null;
}
