using System.Text.Json;
using Citadel.Audit;
using Citadel.Node.Rest.Json;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads the body of <c>POST /audit/logs</c>: <c>{limit, time_from, time_to, filters}</c>.</summary>
internal static class AuditParser
{
    public static AuditQuery Query(JNode body)
    {
        body.Object("limit", "time_from", "time_to", "filters");
        var filters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body.Optional("filters") is { } f)
        {
            foreach (var (name, value) in f.Properties())
            {
                filters[name] = value.Kind == JsonValueKind.String ? value.String() : throw value.Invalid("a string");
            }
        }

        var limit = body.Optional("limit") is { } l ? (l.Kind == JsonValueKind.Number && l.Element.TryGetInt32(out var n) ? n : throw l.Invalid("an integer")) : AuditQuery.DefaultLimit;
        return new AuditQuery(limit, FilterParser.Datetime(body.Optional("time_from")), FilterParser.Datetime(body.Optional("time_to")), filters);
    }
}
