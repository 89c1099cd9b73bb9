using Citadel.Audit;
using Citadel.Auth;
using Citadel.Auth.Credentials;
using Citadel.Auth.Tls;
using Citadel.Node.Api;
using Citadel.Node.Configuration;
using Citadel.Node.Observability;
using Citadel.Node.Security;
using Citadel.Storage.Collections;

namespace Citadel.Node.Hosting;

/// <summary>The node's long-lived core objects, shared by the REST and gRPC servers.</summary>
internal sealed class NodeServices(NodeSettings settings, CollectionManager collections, IMetaProposer meta, ServerTls? tls, AuditWriter? audit, NodeObservability? observability = null)
{
    public NodeSettings Settings { get; } = settings;

    /// <summary>Audit entries for every access decision (no-op when audit is off).</summary>
    public AccessAudit Audit { get; } = new(audit, settings.Audit);

    /// <summary>The public TLS material, or null when TLS is off.</summary>
    public ServerTls? Tls { get; } = tls;

    /// <summary>Credential checks shared by the REST and gRPC gates.</summary>
    public Authenticator Authenticator { get; } = new(
        new KeyRing(settings.Service.ApiKey, settings.Service.AltApiKey, settings.Service.ReadOnlyApiKey),
        settings.Service.JwtRbac,
        new StorageValueExistsChecker(collections),
        TimeProvider.System);

    public CollectionManager Collections { get; } = collections;

    public CollectionsApi CollectionsApi { get; } = new(collections, meta);

    /// <summary>Telemetry, metrics, issues and quotas (a cluster passes its own, wired to its Raft state).</summary>
    public NodeObservability Observability { get; } = observability ?? new(settings, collections, audit);

    public PointsApi PointsApi => new(Collections, Observability.UnindexedFields);

    public AuditApi AuditApi => new(Audit, Settings.Audit.Dir);
    public PayloadIndexApi PayloadIndexApi { get; } = new(collections, meta);

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
