using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>
/// Reads the universal query (Qdrant's <c>QueryRequest</c>, <c>Prefetch</c>, <c>QueryInterface</c>). Query kinds
/// Citadel does not implement (formula, MMR, relevance feedback) answer 501 naming them.
/// </summary>
internal static class QueryParser
{
    public static QueryRequest Query(JNode body)
    {
        body.Object("shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "offset", "with_vector", "with_payload", "lookup_from");
        ShardKeys.RejectShardKey(body);
        return Common(body) with
        {
            Limit = body.Optional("limit") is { } l ? SearchParser.Limit(l) : QueryRequest.DefaultLimit,
            Offset = body.Optional("offset")?.Count() ?? 0,
        };
    }

    public static List<QueryRequest> QueryBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Query).ToList();
    }

    /// <summary>The fields a query and a grouped query share (not limit or offset, which differ).</summary>
    public static QueryRequest Common(JNode body) => new()
    {
        Prefetches = Prefetches(body.Optional("prefetch")),
        Query = body.Optional("query") is { } q ? QueryInterface(q) : null,
        Using = body.Optional("using")?.String() ?? string.Empty,
        Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
        Params = SearchParser.Params(body.Optional("params")),
        ScoreThreshold = body.Optional("score_threshold")?.Float(),
        WithPayload = SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.None),
        WithVector = SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None),
        LookupFrom = body.Optional("lookup_from") is { } lf ? Lookup(lf) : null,
    };

    /// <summary><c>LookupLocation</c>: another collection and optionally its vector.</summary>
    public static LookupLocation Lookup(JNode node)
    {
        node.Object("collection", "vector", "shard_key");
        ShardKeys.RejectShardKey(node);
        return new LookupLocation(node.Required("collection").String(), node.Optional("vector")?.String());
    }

    /// <summary>One <c>VectorInput</c>: a dense vector or a point id.</summary>
    public static VectorInput Vector(JNode node) => node.Kind switch
    {
        JsonValueKind.Number or JsonValueKind.String => VectorInput.OfId(PointIdParser.Parse(node)),
        _ => VectorInput.OfVector(PointsParser.DenseVector(node)),
    };

    /// <summary>
    /// <c>QueryInterface</c>: a bare <c>VectorInput</c> (nearest) or one of the <c>Query</c> objects, told apart by
    /// their single key like Qdrant's untagged enum.
    /// </summary>
    public static QueryVariant QueryInterface(JNode node)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            return new NearestQuery(Vector(node));
        }

        if (node.Has("nearest"))
        {
            node.Object("nearest", "mmr");
            if (node.Has("mmr"))
            {
                throw Unimplemented("`mmr` in the query API is not implemented yet");
            }

            return new NearestQuery(Vector(node.Required("nearest")));
        }

        if (node.Has("recommend"))
        {
            node.Object("recommend");
            return Recommend(node.Required("recommend"));
        }

        if (node.Has("discover"))
        {
            node.Object("discover");
            var d = node.Required("discover");
            d.Object("target", "context");
            return new DiscoverQuery(Vector(d.Required("target")), Pairs(d.Optional("context")));
        }

        if (node.Has("context"))
        {
            node.Object("context");
            return new ContextQuery(Pairs(node.Optional("context")));
        }

        if (node.Has("order_by"))
        {
            node.Object("order_by");
            return new OrderByQuery(SearchParser.OrderBy(node.Required("order_by")));
        }

        if (node.Has("fusion"))
        {
            node.Object("fusion");
            var fusion = node.Required("fusion");
            return fusion.String() switch
            {
                "rrf" => new FusionQuery(FusionMethod.Rrf),
                "dbsf" => new FusionQuery(FusionMethod.Dbsf),
                var other => throw fusion.InvalidValue($"unknown variant `{other}`, expected `rrf` or `dbsf`"),
            };
        }

        if (node.Has("rrf"))
        {
            node.Object("rrf");
            return Rrf(node.Required("rrf"));
        }

        if (node.Has("sample"))
        {
            node.Object("sample");
            var sample = node.Required("sample");
            return sample.String() == "random" ? new SampleQuery() : throw sample.InvalidValue($"unknown variant `{sample.String()}`, expected `random`");
        }

        foreach (var name in (ReadOnlySpan<string>)["formula", "relevance_feedback"])
        {
            if (node.Has(name))
            {
                throw Unimplemented($"The `{name}` query is not implemented yet");
            }
        }

        // Sparse vectors and inference objects are vector inputs too; DenseVector refuses them with a clear message.
        foreach (var name in (ReadOnlySpan<string>)["indices", "values", "model", "text", "image", "object"])
        {
            if (node.Has(name))
            {
                return new NearestQuery(Vector(node));
            }
        }

        throw node.InvalidValue("data did not match any variant of untagged enum QueryInterface");
    }

    private static List<Prefetch> Prefetches(JNode? node) => node switch
    {
        null => [],
        { Kind: JsonValueKind.Array } list => list.Items().Select(Prefetch).ToList(),
        { } single => [Prefetch(single)],
    };

    private static Prefetch Prefetch(JNode node)
    {
        node.Object("prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "lookup_from");
        return new Prefetch
        {
            Prefetches = Prefetches(node.Optional("prefetch")),
            Query = node.Optional("query") is { } q ? QueryInterface(q) : null,
            Using = node.Optional("using")?.String() ?? string.Empty,
            Filter = node.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            Params = SearchParser.Params(node.Optional("params")),
            ScoreThreshold = node.Optional("score_threshold")?.Float(),
            Limit = node.Optional("limit") is { } l ? SearchParser.Limit(l) : Storage.Query.Prefetch.DefaultLimit,
            LookupFrom = node.Optional("lookup_from") is { } lf ? Lookup(lf) : null,
        };
    }

    private static RecommendQuery Recommend(JNode node)
    {
        node.Object("positive", "negative", "strategy");
        return new RecommendQuery(
            node.Optional("positive")?.Items().Select(Vector).ToList() ?? [],
            node.Optional("negative")?.Items().Select(Vector).ToList() ?? [],
            Strategy(node.Optional("strategy")));
    }

    /// <summary><c>RecommendStrategy</c>; absent means <c>average_vector</c>.</summary>
    public static RecommendStrategy Strategy(JNode? node) => node?.String() switch
    {
        null or "average_vector" => RecommendStrategy.AverageVector,
        "best_score" => RecommendStrategy.BestScore,
        "sum_scores" => RecommendStrategy.SumScores,
        var other => throw node!.Value.InvalidValue($"unknown variant `{other}`, expected one of `average_vector`, `best_score`, `sum_scores`"),
    };

    /// <summary><c>ContextInput</c>: one pair, a list of pairs, or null for none.</summary>
    private static List<ContextPair> Pairs(JNode? node) => node switch
    {
        null => [],
        { Kind: JsonValueKind.Array } list => list.Items().Select(Pair).ToList(),
        { } single => [Pair(single)],
    };

    private static ContextPair Pair(JNode node)
    {
        node.Object("positive", "negative");
        return new ContextPair(Vector(node.Required("positive")), Vector(node.Required("negative")));
    }

    private static FusionQuery Rrf(JNode node)
    {
        node.Object("k", "weights");
        var k = FusionQuery.DefaultRrfK;
        if (node.Optional("k") is { } kNode)
        {
            k = kNode.Count();
            if (k < 1)
            {
                throw CitadelException.Validation($"rrf.k: value {k} invalid, must be 1 or more");
            }
        }

        return new FusionQuery(FusionMethod.Rrf, k, node.Optional("weights")?.Items().Select(w => w.Float()).ToList());
    }

    private static CitadelException Unimplemented(string message) => new(ErrorKind.Unimplemented, message);
}
