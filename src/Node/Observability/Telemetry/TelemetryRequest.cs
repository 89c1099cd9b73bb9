using System.Globalization;
using Citadel.Common.Errors;
using Citadel.Node.Rest;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// Query parameters of <c>GET /telemetry</c> and <c>GET /cluster/telemetry</c>: <c>anonymize</c>,
/// <c>details_level</c> (0 = counts only, 1 = per-collection config, 2+ = shards too), <c>per_collection</c> and
/// <c>timeout</c> (validated; a local report never waits).
/// </summary>
internal sealed record TelemetryRequest(bool Anonymize, uint DetailsLevel, bool PerCollection)
{
    public static TelemetryRequest From(HttpRequest request)
    {
        RestQuery.Timeout(request);
        uint level = 0;
        if (request.Query.TryGetValue("details_level", out var v)
            && !uint.TryParse(v.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out level))
        {
            throw new CitadelException(ErrorKind.BadRequest, $"Query deserialize error: details_level: expected a non-negative integer, got `{v}`");
        }

        return new TelemetryRequest(RestQuery.Bool(request, "anonymize") ?? false, level, RestQuery.Bool(request, "per_collection") ?? false);
    }
}
