using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Index.Payload.Facets;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads <c>FacetRequest</c>: <c>key</c>, <c>filter</c>, <c>limit</c> (at least 1, default 10), <c>exact</c>.</summary>
internal static class FacetParser
{
    public static FacetRequest Facet(JNode body)
    {
        body.Object("shard_key", "key", "limit", "filter", "exact");
        ShardKeys.RejectShardKey(body);
        var limit = body.Optional("limit")?.Count() ?? FacetRequest.DefaultLimit;
        if (limit < 1)
        {
            throw CitadelException.Validation($"limit: value {limit} invalid, must be 1 or more");
        }

        return new FacetRequest(PayloadIndexParser.FieldName(body.Required("key")))
        {
            Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            Limit = limit,
            Exact = body.Optional("exact")?.Bool() ?? false,
        };
    }
}
