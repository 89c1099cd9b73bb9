using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>
/// Reads the legacy explore endpoints (v1.18 <c>recommend</c>, <c>discover</c>, <c>search/groups</c> and their batch
/// and group forms) into the query they are: recommend and discover run through the query engine, as in Qdrant,
/// with the legacy endpoints' own checks on the examples.
/// </summary>
internal static class ExploreParser
{
    private static readonly string[] RecommendFields =
        ["shard_key", "positive", "negative", "strategy", "filter", "params", "limit", "offset", "with_payload", "with_vector", "score_threshold", "using", "lookup_from"];

    private static readonly string[] GroupFields = ["group_by", "group_size", "limit", "with_lookup"];

    public static QueryRequest Recommend(JNode body)
    {
        body.Object(RecommendFields);
        return RecommendSource(body) with
        {
            Limit = SearchParser.Limit(body.Required("limit")),
            Offset = body.Optional("offset")?.Count() ?? 0,
        };
    }

    public static List<QueryRequest> RecommendBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Recommend).ToList();
    }

    public static QueryGroupsRequest RecommendGroups(JNode body)
    {
        body.Object([.. RecommendFields.Where(f => f is not ("offset" or "limit")), .. GroupFields]);
        return GroupsParser.Groups(body, RecommendSource(body), required: true);
    }

    public static QueryRequest Discover(JNode body)
    {
        body.Object("shard_key", "target", "context", "filter", "params", "limit", "offset", "with_payload", "with_vector", "using", "lookup_from");
        ShardKeys.RejectShardKey(body);
        var target = body.Optional("target") is { } t ? QueryParser.Vector(t) : null;
        var pairs = body.Optional("context")?.Items().Select(Pair).ToList() ?? [];
        return Source(body) with
        {
            Query = LegacyExplore.Discover(target, pairs),
            Limit = SearchParser.Limit(body.Required("limit")),
            Offset = body.Optional("offset")?.Count() ?? 0,
        };
    }

    public static List<QueryRequest> DiscoverBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Discover).ToList();
    }

    public static QueryGroupsRequest SearchGroups(JNode body)
    {
        body.Object(["shard_key", "vector", "filter", "params", "with_payload", "with_vector", "score_threshold", .. GroupFields]);
        ShardKeys.RejectShardKey(body);
        var (name, vector) = SearchParser.NamedVector(body.Required("vector"));
        var source = Source(body) with
        {
            Query = new NearestQuery(VectorInput.OfVector(vector)),
            Using = name,
            ScoreThreshold = body.Optional("score_threshold")?.Float(),
        };
        return GroupsParser.Groups(body, source, required: true);
    }

    private static QueryRequest RecommendSource(JNode body)
    {
        ShardKeys.RejectShardKey(body);
        var positive = body.Optional("positive")?.Items().Select(QueryParser.Vector).ToList() ?? [];
        var negative = body.Optional("negative")?.Items().Select(QueryParser.Vector).ToList() ?? [];
        return Source(body) with
        {
            Query = LegacyExplore.Recommend(positive, negative, QueryParser.Strategy(body.Optional("strategy"))),
            ScoreThreshold = body.Optional("score_threshold")?.Float(),
        };
    }

    /// <summary>The fields every legacy explore request shares.</summary>
    private static QueryRequest Source(JNode body) => new()
    {
        Using = body.Optional("using")?.String() ?? string.Empty,
        Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
        Params = SearchParser.Params(body.Optional("params")),
        WithPayload = SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.None),
        WithVector = SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None),
        LookupFrom = body.Optional("lookup_from") is { } lf ? QueryParser.Lookup(lf) : null,
    };

    private static ContextPair Pair(JNode node)
    {
        node.Object("positive", "negative");
        return new ContextPair(QueryParser.Vector(node.Required("positive")), QueryParser.Vector(node.Required("negative")));
    }
}
