using System.Text.Json;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// <c>GET /telemetry</c>'s result in Qdrant's <c>TelemetryData</c> shape: <c>id</c>, <c>app</c>, <c>collections</c>,
/// and for callers with global access <c>cluster</c>, <c>requests</c>, <c>memory</c> and <c>quota</c>. A
/// collection-scoped token sees only its collections and no node-wide section, as in Qdrant.
/// </summary>
internal static class TelemetryReport
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        w.WriteStartObject();
        w.WriteString("id", context.Observability.Id.ToString());
        w.WritePropertyName("app");
        AppSection.Write(w, context);
        w.WritePropertyName("collections");
        CollectionsSection.Write(w, context);
        if (context.Global)
        {
            w.WritePropertyName("cluster");
            ClusterSection.Write(w, context);
            w.WritePropertyName("requests");
            RequestsSection.Write(w, context);
            w.WritePropertyName("memory");
            MemorySection(w);
            w.WritePropertyName("quota");
            QuotaSection(w, context);
        }

        w.WriteEndObject();
    }

    private static void MemorySection(Utf8JsonWriter w)
    {
        var m = ProcessMemory.Read();
        w.WriteStartObject();
        w.WriteNumber("active_bytes", m.ActiveBytes);
        w.WriteNumber("allocated_bytes", m.AllocatedBytes);
        w.WriteNumber("metadata_bytes", m.MetadataBytes);
        w.WriteNumber("resident_bytes", m.ResidentBytes);
        w.WriteNumber("retained_bytes", m.RetainedBytes);
        w.WriteEndObject();
    }

    private static void QuotaSection(Utf8JsonWriter w, TelemetryContext context)
    {
        var config = context.Observability.Quotas.Current;
        var (memory, disk) = Quotas.QuotaUsage.Measure(context.Settings.Storage.StoragePath).Exceeded(config);
        w.WriteStartObject();
        w.WritePropertyName("config");
        config.Write(w);
        w.WritePropertyName("exceeded");
        w.WriteStartObject();
        WriteNullable(w, "resident_memory", memory);
        WriteNullable(w, "disk_usage", disk);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
