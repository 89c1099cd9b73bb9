using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads grouped queries (<c>QueryGroupsRequest</c>) and the group fields the legacy group endpoints share.</summary>
internal static class GroupsParser
{
    public static QueryGroupsRequest QueryGroups(JNode body)
    {
        body.Object("shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "with_vector", "with_payload", "lookup_from", "group_by", "group_size", "limit", "with_lookup");
        ShardKeys.RejectShardKey(body);
        return Groups(body, QueryParser.Common(body), required: false);
    }

    /// <summary>
    /// Adds <c>group_by</c>, <c>group_size</c>, <c>limit</c> (the number of groups) and <c>with_lookup</c> to a
    /// source query; the legacy endpoints require the two counts, the query API defaults them to 3 and 10.
    /// </summary>
    public static QueryGroupsRequest Groups(JNode body, QueryRequest source, bool required)
    {
        var groupBy = body.Required("group_by").String();
        if (groupBy.Length == 0)
        {
            throw CitadelException.Validation("group_by: length must be at least 1");
        }

        return new QueryGroupsRequest(source, JsonPath.Parse(groupBy))
        {
            GroupSize = Count(body, "group_size", QueryGroupsRequest.DefaultGroupSize, required),
            Limit = Count(body, "limit", QueryRequest.DefaultLimit, required),
            WithLookup = body.Optional("with_lookup") is { } l ? WithLookup(l) : null,
        };
    }

    /// <summary><c>WithLookupInterface</c>: a collection name, or <c>{collection, with_payload, with_vectors}</c>.</summary>
    private static WithLookup WithLookup(JNode node)
    {
        if (node.Kind == JsonValueKind.String)
        {
            return new WithLookup(node.String(), PayloadSelector.All, VectorSelector.None);
        }

        node.Object("collection", "with_payload", "with_vectors");
        return new WithLookup(
            node.Required("collection").String(),
            SelectorParser.WithPayload(node.Optional("with_payload"), PayloadSelector.All),
            SelectorParser.WithVector(node.Optional("with_vectors"), VectorSelector.None));
    }

    private static int Count(JNode body, string field, int fallback, bool required)
    {
        var node = required ? body.Required(field) : body.Optional(field);
        if (node is not { } n)
        {
            return fallback;
        }

        var value = n.Count();
        return value is >= 1 and <= SearchParser.MaxLimit
            ? value
            : throw CitadelException.Validation($"{field}: value {value} invalid, must be from 1 to {SearchParser.MaxLimit}");
    }
}
