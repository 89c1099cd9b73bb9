using Citadel.Storage.Payloads;
using Citadel.Storage.Search;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Read requests: <c>GetPoints</c>, <c>SearchPoints</c>, <c>ScrollPoints</c>, <c>CountPoints</c>, with Qdrant's
/// gRPC defaults (payload off for get and search, on for scroll; vectors off everywhere).
/// </summary>
internal static class SearchConversions
{
    public static RetrieveRequest Retrieve(G.GetPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return new RetrieveRequest(
            PointIdConversions.ToDomain(r.Ids),
            SelectorConversions.WithPayload(r.WithPayload, PayloadSelector.None),
            SelectorConversions.WithVectors(r.WithVectors));
    }

    public static SearchRequest Search(G.SearchPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        if (r.SparseIndices is not null)
        {
            throw Common.Errors.CitadelException.BadInput("Sparse vectors are not supported by Citadel yet");
        }

        if (r.HasVectorName && r.VectorName.Length == 0)
        {
            throw GrpcInput.Validation("vector_name", "length must be at least 1");
        }

        return new SearchRequest(r.HasVectorName ? r.VectorName : string.Empty, [.. r.Vector])
        {
            Filter = FilterConversions.ToDomainOrNull(r.Filter),
            Params = Params(r.Params),
            Limit = GrpcInput.Limit(r.Limit),
            Offset = r.HasOffset ? GrpcInput.Offset(r.Offset) : 0,
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
            WithPayload = SelectorConversions.WithPayload(r.WithPayload, PayloadSelector.None),
            WithVector = SelectorConversions.WithVectors(r.WithVectors),
        };
    }

    public static ScrollRequest Scroll(G.ScrollPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return new ScrollRequest
        {
            Offset = r.Offset is { } offset ? PointIdConversions.ToDomain(offset) : null,
            Limit = r.HasLimit ? GrpcInput.Limit(r.Limit) : 10,
            Filter = FilterConversions.ToDomainOrNull(r.Filter),
            WithPayload = SelectorConversions.WithPayload(r.WithPayload, PayloadSelector.All),
            WithVector = SelectorConversions.WithVectors(r.WithVectors),
            OrderBy = r.OrderBy is { } orderBy ? OrderBy(orderBy) : null,
        };
    }

    public static CountRequest Count(G.CountPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return new CountRequest(FilterConversions.ToDomainOrNull(r.Filter), !r.HasExact || r.Exact);
    }

    /// <summary>Search parameters; quantization, ACORN and IDF settings are accepted and ignored, as by the REST adapter.</summary>
    public static SearchParams Params(G.SearchParams? p) => p is null
        ? SearchParams.Default
        : new SearchParams(p.HasHnswEf ? GrpcInput.Count(p.HnswEf, "params.hnsw_ef") : null, p.HasExact && p.Exact, p.HasIndexedOnly && p.IndexedOnly);

    public static OrderBy OrderBy(G.OrderBy o)
    {
        // An unknown direction silently means the default, as in Qdrant's conversion.
        var descending = o.HasDirection && o.Direction == G.Direction.Desc;
        double? start = o.StartFrom?.ValueCase switch
        {
            G.StartFrom.ValueOneofCase.Float => double.IsFinite(o.StartFrom.Float) ? o.StartFrom.Float : throw GrpcInput.Validation("order_by.start_from", "must be a finite number"),
            G.StartFrom.ValueOneofCase.Integer => o.StartFrom.Integer,
            G.StartFrom.ValueOneofCase.Timestamp => Micros(Timestamps.ToDomain(o.StartFrom.Timestamp)!.Value),
            G.StartFrom.ValueOneofCase.Datetime => Micros(Datetime(o.StartFrom.Datetime)),
            _ => null,
        };
        return new OrderBy(JsonPath.Parse(o.Key), descending, start);
    }

    /// <summary>Date-times order by their epoch microseconds, as in the storage layer and the REST adapter.</summary>
    private static double Micros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset Datetime(string text) =>
        Storage.Filtering.QdrantDateTime.TryParse(text, out var value) ? value : throw GrpcInput.Invalid($"Malformed datetime: `{GrpcInput.Echo(text)}`");
}
