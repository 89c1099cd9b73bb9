using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads read-side bodies: search, query, scroll, count, retrieve.</summary>
internal static class SearchParser
{
    /// <summary>Largest <c>limit</c> accepted, to bound the memory one request can claim.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Legacy <c>SearchRequest</c> (v1.18): <c>vector</c> is a plain vector or <c>{"name", "vector"}</c>.</summary>
    public static SearchRequest Search(JNode body)
    {
        body.Object("shard_key", "vector", "filter", "params", "limit", "offset", "with_payload", "with_vector", "score_threshold");
        ShardKeys.RejectShardKey(body);
        var v = body.Required("vector");
        string name;
        float[] vector;
        if (v.Kind == JsonValueKind.Object)
        {
            v.Object("name", "vector");
            name = v.Required("name").String();
            vector = PointsParser.DenseVector(v.Required("vector"));
        }
        else
        {
            name = string.Empty;
            vector = PointsParser.DenseVector(v);
        }

        return new SearchRequest(name, vector)
        {
            Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            Params = Params(body.Optional("params")),
            Limit = Limit(body.Required("limit")),
            Offset = body.Optional("offset")?.Count() ?? 0,
            WithPayload = SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.None),
            WithVector = SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None),
            ScoreThreshold = body.Optional("score_threshold")?.Float(),
        };
    }

    public static List<SearchRequest> SearchBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Search).ToList();
    }

    public static QueryRequest Query(JNode body)
    {
        body.Object("shard_key", "prefetch", "query", "using", "filter", "params", "score_threshold", "limit", "offset", "with_vector", "with_payload", "lookup_from");
        ShardKeys.RejectShardKey(body);
        if (body.Has("prefetch"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, "`prefetch` in the query API is not implemented yet");
        }

        if (body.Has("lookup_from"))
        {
            throw new CitadelException(ErrorKind.Unimplemented, "`lookup_from` in the query API is not implemented yet");
        }

        return new QueryRequest
        {
            Query = body.Optional("query") is { } q ? QueryInput(q) : null,
            Using = body.Optional("using")?.String() ?? string.Empty,
            Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            Params = Params(body.Optional("params")),
            ScoreThreshold = body.Optional("score_threshold")?.Float(),
            Limit = body.Optional("limit") is { } l ? Limit(l) : 10,
            Offset = body.Optional("offset")?.Count() ?? 0,
            WithPayload = SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.None),
            WithVector = SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None),
        };
    }

    public static List<QueryRequest> QueryBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Query).ToList();
    }

    /// <summary>The <c>query</c> field: a vector, a point id, or <c>{"nearest": …}</c>.</summary>
    private static QueryInput QueryInput(JNode node)
    {
        if (node.Kind == JsonValueKind.Object)
        {
            if (node.Optional("nearest") is { } nearest)
            {
                node.Object("nearest", "mmr");
                if (node.Has("mmr"))
                {
                    throw new CitadelException(ErrorKind.Unimplemented, "`mmr` in the query API is not implemented yet");
                }

                return QueryInput(nearest);
            }

            var name = node.Properties().Select(p => p.Name).FirstOrDefault() ?? "{}";
            throw new CitadelException(ErrorKind.Unimplemented, $"The `{name}` query is not implemented yet");
        }

        if (node.Kind is JsonValueKind.Number or JsonValueKind.String)
        {
            return new QueryInput(PointIdParser.Parse(node), null);
        }

        return new QueryInput(null, PointsParser.DenseVector(node));
    }

    public static SearchParams Params(JNode? node)
    {
        if (node is not { } n)
        {
            return SearchParams.Default;
        }

        n.Object("hnsw_ef", "exact", "quantization", "indexed_only", "acorn", "idf");
        return new SearchParams(n.Optional("hnsw_ef")?.Count(), n.Optional("exact")?.Bool() ?? false, n.Optional("indexed_only")?.Bool() ?? false);
    }

    public static int Limit(JNode node)
    {
        var limit = node.Count();
        if (limit < 1 || limit > MaxLimit)
        {
            throw CitadelException.Validation($"limit: value {limit} invalid, must be from 1 to {MaxLimit}");
        }

        return limit;
    }

    public static ScrollRequest Scroll(JNode body)
    {
        body.Object("shard_key", "offset", "limit", "filter", "with_payload", "with_vector", "order_by");
        ShardKeys.RejectShardKey(body);
        return new ScrollRequest
        {
            Offset = body.Optional("offset") is { } o ? PointIdParser.Parse(o) : null,
            Limit = body.Optional("limit") is { } l ? Limit(l) : 10,
            Filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null,
            WithPayload = SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.All),
            WithVector = SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None),
            OrderBy = body.Optional("order_by") is { } ob ? OrderBy(ob) : null,
        };
    }

    private static OrderBy OrderBy(JNode node)
    {
        if (node.Kind == JsonValueKind.String)
        {
            return new OrderBy(JsonPath.Parse(node.String()), false, null);
        }

        node.Object("key", "direction", "start_from");
        var descending = node.Optional("direction") is { } d && d.String() switch
        {
            "asc" => false,
            "desc" => true,
            var other => throw d.InvalidValue($"unknown variant `{other}`, expected `asc` or `desc`"),
        };
        double? start = null;
        if (node.Optional("start_from") is { } s)
        {
            start = s.Kind == JsonValueKind.String
                ? (FilterParser.Datetime(s)!.Value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10
                : s.Double();
        }

        return new OrderBy(JsonPath.Parse(node.Required("key").String()), descending, start);
    }

    public static CountRequest Count(JNode body)
    {
        body.Object("shard_key", "filter", "exact");
        ShardKeys.RejectShardKey(body);
        return new CountRequest(body.Optional("filter") is { } f ? FilterParser.Parse(f) : null, body.Optional("exact")?.Bool() ?? true);
    }

    public static RetrieveRequest Retrieve(JNode body)
    {
        body.Object("shard_key", "ids", "with_payload", "with_vector");
        ShardKeys.RejectShardKey(body);
        return new RetrieveRequest(
            PointIdParser.ParseList(body.Required("ids")),
            // Qdrant's retrieve treats an absent `with_payload` as false (its "default is true" doc comment is not what the code does).
            SelectorParser.WithPayload(body.Optional("with_payload"), PayloadSelector.None),
            SelectorParser.WithVector(body.Optional("with_vector"), VectorSelector.None));
    }
}
