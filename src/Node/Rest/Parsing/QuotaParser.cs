using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Observability.Quotas;
using Citadel.Node.Rest.Json;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads the body of <c>PUT /quotas</c> (Qdrant's <c>QuotaConfig</c>); limits out of range are a 422.</summary>
internal static class QuotaParser
{
    public static QuotaConfig Config(JNode body)
    {
        body.Object("enabled", "max_resident_memory_percent", "max_disk_usage_percent", "release_margin_percent");
        return new QuotaConfig(
            body.Optional("enabled")?.Bool() ?? false,
            Percent(body.Optional("max_resident_memory_percent"), "max_resident_memory_percent", 1),
            Percent(body.Optional("max_disk_usage_percent"), "max_disk_usage_percent", 1),
            Percent(body.Optional("release_margin_percent"), "release_margin_percent", 0));
    }

    private static byte? Percent(JNode? node, string name, int min)
    {
        if (node is not { } n)
        {
            return null;
        }

        var value = n.Kind == JsonValueKind.Number && n.Element.TryGetInt64(out var v) ? v : throw n.Invalid("an integer");
        return value >= min && value <= 100
            ? (byte)value
            : throw CitadelException.Validation($"{name}: value {value} invalid, must be from {min} to 100");
    }
}
