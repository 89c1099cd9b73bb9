using Citadel.Audit;
using Citadel.Node.Configuration;
using Citadel.Node.Observability.Cluster;
using Citadel.Node.Observability.Issues;
using Citadel.Node.Observability.Metrics;
using Citadel.Node.Observability.Quotas;
using Citadel.Node.Observability.Requests;
using Citadel.Storage.Collections;

namespace Citadel.Node.Observability;

/// <summary>
/// The node's operability state, shared by REST, gRPC and the metrics port: request statistics, the Prometheus
/// registry, open issues, quotas, and the cluster source. The cluster passes its own
/// <see cref="IClusterMetricsSource"/> and may replace <see cref="QuotaUpdater"/> with one that goes through consensus.
/// </summary>
internal sealed class NodeObservability
{
    // Held so that the registry's before-scrape callback has an owner.
    private readonly ScrapeRefresh _scrape;

    public NodeObservability(NodeSettings settings, CollectionManager collections, AuditWriter? audit, IClusterMetricsSource? cluster = null)
    {
        var time = TimeProvider.System;
        Cluster = cluster ?? StandaloneClusterMetrics.Instance;
        StartedAt = time.GetUtcNow();
        Requests = new ObservedRequests(time);
        Metrics = new NodeMetrics(settings.Service.MetricsPrefix);
        Issues = new IssueRegistry(time);
        UnindexedFields = new UnindexedFieldDetector(Issues);
        AuditIssues = new AuditIssueMonitor(audit, settings.Audit.Dir, Issues);
        Quotas = new QuotaStore(settings.Storage.StoragePath);
        QuotaUpdater = new LocalQuotaUpdater(Quotas);
        _scrape = new ScrapeRefresh(Metrics, collections, audit, settings.Audit.Dir, Cluster, Requests.Rest, Requests.Grpc);
    }

    /// <summary>Telemetry's <c>id</c>: new for every start of the process, as in Qdrant.</summary>
    public Guid Id { get; } = Guid.NewGuid();

    public DateTimeOffset StartedAt { get; }

    public IClusterMetricsSource Cluster { get; }

    public ObservedRequests Requests { get; }

    public NodeMetrics Metrics { get; }

    public IssueRegistry Issues { get; }

    public UnindexedFieldDetector UnindexedFields { get; }

    public AuditIssueMonitor AuditIssues { get; }

    public QuotaStore Quotas { get; }

    /// <summary>How <c>PUT /quotas</c> applies a change; set by the cluster before the servers are built.</summary>
    public IQuotaUpdater QuotaUpdater { get; set; }

    /// <summary>Registers the shared objects in a server's container.</summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(this);
        services.AddSingleton(Requests);
        services.AddSingleton(Metrics);
        services.AddSingleton(Issues);
    }
}
