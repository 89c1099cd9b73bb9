namespace Citadel.Node.Observability.Cluster;

/// <summary>The cluster source of a standalone node: clustering is disabled.</summary>
internal sealed class StandaloneClusterMetrics : IClusterMetricsSource
{
    public static readonly StandaloneClusterMetrics Instance = new();

    private StandaloneClusterMetrics()
    {
    }

    public ClusterMetricsSnapshot Snapshot() => ClusterMetricsSnapshot.Disabled;
}
