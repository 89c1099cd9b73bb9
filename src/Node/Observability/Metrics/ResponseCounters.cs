using Citadel.Node.Observability.Requests;
using Prometheus;

namespace Citadel.Node.Observability.Metrics;

/// <summary>
/// Qdrant's per-endpoint response metrics of one protocol (<c>rest_…</c> or <c>grpc_…</c>): total and failed
/// responses per status, and average / minimum / maximum durations of successful ones, from <see cref="RequestStats"/>.
/// </summary>
internal sealed class ResponseCounters
{
    private readonly Counter _total;
    private readonly Counter _failTotal;
    private readonly Gauge _avg;
    private readonly Gauge _min;
    private readonly Gauge _max;

    public ResponseCounters(NodeMetrics metrics, string protocol, string[] labels)
    {
        var f = metrics.Factory;
        _total = f.CreateCounter(metrics.Name($"{protocol}_responses_total"), "total number of responses", labels);
        _failTotal = f.CreateCounter(metrics.Name($"{protocol}_responses_fail_total"), "total number of failed responses", labels);
        _avg = f.CreateGauge(metrics.Name($"{protocol}_responses_avg_duration_seconds"), "average response duration (latest 128 responses)", labels);
        _min = f.CreateGauge(metrics.Name($"{protocol}_responses_min_duration_seconds"), "minimum response duration", labels);
        _max = f.CreateGauge(metrics.Name($"{protocol}_responses_max_duration_seconds"), "maximum response duration", labels);
    }

    /// <summary>Copies the statistics in; durations only for <paramref name="successStatus"/>, as Qdrant does.</summary>
    public void Refresh(SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>> responses, Func<string, string[]> endpointLabels, string successStatus)
    {
        foreach (var (endpoint, statuses) in responses)
        {
            var prefix = endpointLabels(endpoint);
            foreach (var (status, stats) in statuses)
            {
                string[] labels = [.. prefix, status];
                _total.WithLabels(labels).IncTo(stats.Count);
                _failTotal.WithLabels(labels).IncTo(stats.FailCount);
                if (status == successStatus)
                {
                    _avg.WithLabels(labels).Set((stats.AvgMicros ?? 0) / 1e6);
                    _min.WithLabels(labels).Set((stats.MinMicros ?? 0) / 1e6);
                    _max.WithLabels(labels).Set((stats.MaxMicros ?? 0) / 1e6);
                }
            }
        }
    }
}
