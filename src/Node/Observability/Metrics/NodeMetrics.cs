using Prometheus;

namespace Citadel.Node.Observability.Metrics;

/// <summary>
/// The node's Prometheus registry: metrics updated as events happen (latency histograms, auth decisions) and, through
/// <see cref="ScrapeRefresh"/>, values read at scrape time. Names follow Qdrant's where Qdrant has the metric
/// (<c>app_info</c>, <c>collections_total</c>, <c>rest_responses_total</c>, …), ours start with <c>citadel_</c>.
/// A registry per node, not prometheus-net's static default, so that nothing else in the process leaks into it.
/// </summary>
internal sealed class NodeMetrics
{
    // Request latencies from 100 µs to ~100 s.
    private static readonly double[] LatencyBuckets = Histogram.ExponentialBuckets(0.0001, 4, 11);

    private readonly Histogram _restDuration;
    private readonly Histogram _grpcDuration;
    private readonly Counter _authDecisions;

    public NodeMetrics(string? prefix)
    {
        Prefix = prefix ?? string.Empty;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        DotNetStats.Register(Registry);
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _restDuration = Factory.CreateHistogram(Name("rest_responses_duration_seconds"), "response duration of successful REST requests", ["method", "endpoint"], new HistogramConfiguration { Buckets = LatencyBuckets });
        _grpcDuration = Factory.CreateHistogram(Name("grpc_responses_duration_seconds"), "response duration of successful gRPC requests", ["endpoint"], new HistogramConfiguration { Buckets = LatencyBuckets });
        _authDecisions = Factory.CreateCounter(Name("citadel_auth_decisions_total"), "authentication and authorization decisions by result (allowed, denied, unauthenticated, forbidden_token) and credential type (api_key, read_only_key, jwt, none, invalid)", ["result", "credential"]);
    }

    public CollectorRegistry Registry { get; }

    /// <summary><c>service.metrics_prefix</c>, empty when unset.</summary>
    public string Prefix { get; }

    /// <summary>Creates metrics in <see cref="Registry"/>.</summary>
    public IMetricFactory Factory { get; }

    /// <summary>A metric name with the configured prefix.</summary>
    public string Name(string name) => Prefix + name;

    public void ObserveRest(string method, string endpoint, TimeSpan elapsed) =>
        _restDuration.WithLabels(method, endpoint).Observe(elapsed.TotalSeconds);

    public void ObserveGrpc(string endpoint, TimeSpan elapsed) =>
        _grpcDuration.WithLabels(endpoint).Observe(elapsed.TotalSeconds);

    public void AuthDecision(string result, string credential) => _authDecisions.WithLabels(result, credential).Inc();

    /// <summary>Writes the Prometheus text exposition (format 0.0.4).</summary>
    public Task WriteAsync(Stream destination, CancellationToken ct) => Registry.CollectAndExportAsTextAsync(destination, ct);
}
