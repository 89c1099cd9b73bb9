using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads read-side bodies: search, scroll, count, retrieve (queries: <see cref="QueryParser"/>).</summary>
internal static class SearchParser
{
    /// <summary>Largest <c>limit</c> accepted, to bound the memory one request can claim.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Legacy <c>SearchRequest</c> (v1.18): <c>vector</c> is a plain vector or <c>{"name", "vector"}</c>.</summary>
    public static SearchRequest Search(JNode body)
    {
        body.Object("shard_key", "vector", "filter", "params", "limit", "offset", "with_payload", "with_vector", "score_threshold");
        ShardKeys.RejectShardKey(body);
        var (name, vector) = NamedVector(body.Required("vector"));
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

    /// <summary><c>NamedVectorStruct</c>: a plain vector (the unnamed one) or <c>{"name", "vector"}</c>.</summary>
    public static (string Name, float[] Vector) NamedVector(JNode v)
    {
        if (v.Kind != JsonValueKind.Object)
        {
            return (string.Empty, PointsParser.DenseVector(v));
        }

        v.Object("name", "vector");
        return (v.Required("name").String(), PointsParser.DenseVector(v.Required("vector")));
    }

    public static List<SearchRequest> SearchBatch(JNode body)
    {
        body.Object("searches");
        return body.Required("searches").Items().Select(Search).ToList();
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

    public static OrderBy OrderBy(JNode node)
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
