using System.Text.Json;
using Citadel.Node.Observability.Requests;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// Telemetry's <c>requests</c> section: <c>rest</c> and <c>grpc</c>, each <c>responses</c> (endpoint → status →
/// statistics) and, with <c>per_collection=true</c>, <c>per_collection_responses</c> (collection → endpoint → status →
/// statistics).
/// </summary>
internal static class RequestsSection
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        var requests = context.Observability.Requests;
        w.WriteStartObject();
        w.WritePropertyName("rest");
        Protocol(w, requests.Rest, context);
        w.WritePropertyName("grpc");
        Protocol(w, requests.Grpc, context);
        w.WriteEndObject();
    }

    private static void Protocol(Utf8JsonWriter w, RequestStats stats, TelemetryContext context)
    {
        w.WriteStartObject();
        w.WritePropertyName("responses");
        Endpoints(w, stats.Responses());
        if (context.Request.PerCollection)
        {
            w.WritePropertyName("per_collection_responses");
            w.WriteStartObject();
            foreach (var (collection, endpoints) in stats.PerCollection(context.Access.CanSee))
            {
                w.WritePropertyName(context.Anonymizer.Name(collection));
                Endpoints(w, endpoints);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Endpoints(Utf8JsonWriter w, SortedDictionary<string, SortedDictionary<string, OperationStatsSnapshot>> endpoints)
    {
        w.WriteStartObject();
        foreach (var (endpoint, statuses) in endpoints)
        {
            w.WritePropertyName(endpoint);
            w.WriteStartObject();
            foreach (var (status, s) in statuses)
            {
                w.WritePropertyName(status);
                Statistics(w, s);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Statistics(Utf8JsonWriter w, OperationStatsSnapshot s)
    {
        w.WriteStartObject();
        w.WriteNumber("count", s.Count);
        w.WriteNumber("fail_count", s.FailCount);
        if (s.AvgMicros is { } avg)
        {
            w.WriteNumber("avg_duration_micros", avg);
        }

        if (s.MinMicros is { } min)
        {
            w.WriteNumber("min_duration_micros", min);
        }

        if (s.MaxMicros is { } max)
        {
            w.WriteNumber("max_duration_micros", max);
        }

        w.WriteNumber("total_duration_micros", s.TotalMicros);
        if (s.LastResponded is { } last)
        {
            w.WriteString("last_responded", last);
        }

        w.WriteEndObject();
    }
}
