using System.Text.Json;

namespace Citadel.Node.Observability.Quotas;

/// <summary>
/// Qdrant's <c>QuotaConfig</c>: cluster-wide limits on node resources, persisted as <c>quota.json</c> in the storage
/// directory. An unset limit is not capped; limits apply only while <see cref="Enabled"/>.
/// </summary>
internal sealed record QuotaConfig(bool Enabled, byte? MaxResidentMemoryPercent, byte? MaxDiskUsagePercent, byte? ReleaseMarginPercent)
{
    public static readonly QuotaConfig Default = new(false, null, null, null);

    /// <summary>Writes the config as a JSON object; unset limits are <c>null</c>.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("enabled", Enabled);
        WriteOptional(w, "max_resident_memory_percent", MaxResidentMemoryPercent);
        WriteOptional(w, "max_disk_usage_percent", MaxDiskUsagePercent);
        WriteOptional(w, "release_margin_percent", ReleaseMarginPercent);
        w.WriteEndObject();
    }

    /// <summary>Reads a config written by <see cref="Write"/>; missing fields take their defaults.</summary>
    public static QuotaConfig Read(JsonElement e) => new(
        e.TryGetProperty("enabled", out var en) && en.ValueKind == JsonValueKind.True,
        Optional(e, "max_resident_memory_percent"),
        Optional(e, "max_disk_usage_percent"),
        Optional(e, "release_margin_percent"));

    private static void WriteOptional(Utf8JsonWriter w, string name, byte? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static byte? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetByte(out var b) ? b : null;
}
