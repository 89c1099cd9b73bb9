using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// The legacy explore methods (<c>Recommend*</c>, <c>Discover*</c>, <c>SearchGroups</c>) as the queries they are,
/// with the REST adapter's checks and defaults: ids come first, then the vectors (<c>positive_vectors</c>, …).
/// </summary>
internal static class ExploreConversions
{
    public static QueryRequest Recommend(G.RecommendPoints r)
    {
        Checks(r.ShardKeySelector, r.ReadConsistency, r.HasTimeout, r.Timeout);
        return Source(r.Filter, r.Params, r.WithPayload, r.WithVectors, r.HasUsing ? r.Using : null, r.LookupFrom) with
        {
            Query = LegacyExplore.Recommend(
                Examples(r.Positive, r.PositiveVectors),
                Examples(r.Negative, r.NegativeVectors),
                r.HasStrategy ? QueryConversions.Strategy(r.Strategy) : RecommendStrategy.AverageVector),
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
            Limit = GrpcInput.Limit(r.Limit),
            Offset = r.HasOffset ? GrpcInput.Offset(r.Offset) : 0,
        };
    }

    public static QueryGroupsRequest RecommendGroups(G.RecommendPointGroups r)
    {
        Checks(r.ShardKeySelector, r.ReadConsistency, r.HasTimeout, r.Timeout);
        var source = Source(r.Filter, r.Params, r.WithPayload, r.WithVectors, r.HasUsing ? r.Using : null, r.LookupFrom) with
        {
            Query = LegacyExplore.Recommend(
                Examples(r.Positive, r.PositiveVectors),
                Examples(r.Negative, r.NegativeVectors),
                r.HasStrategy ? QueryConversions.Strategy(r.Strategy) : RecommendStrategy.AverageVector),
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
        };
        return GroupConversions.Groups(source, r.GroupBy, r.GroupSize, r.Limit, r.WithLookup);
    }

    public static QueryRequest Discover(G.DiscoverPoints r)
    {
        Checks(r.ShardKeySelector, r.ReadConsistency, r.HasTimeout, r.Timeout);
        var target = r.Target?.Single is { } single ? VectorConversions.Example(single) : null;
        var pairs = r.Context.Select(p => new ContextPair(
            VectorConversions.Example(GrpcInput.Require(p.Positive, "Context pair positive is missing")),
            VectorConversions.Example(GrpcInput.Require(p.Negative, "Context pair negative is missing")))).ToList();
        return Source(r.Filter, r.Params, r.WithPayload, r.WithVectors, r.HasUsing ? r.Using : null, r.LookupFrom) with
        {
            Query = LegacyExplore.Discover(target, pairs),
            Limit = GrpcInput.Limit(r.Limit),
            Offset = r.HasOffset ? GrpcInput.Offset(r.Offset) : 0,
        };
    }

    public static QueryGroupsRequest SearchGroups(G.SearchPointGroups r)
    {
        Checks(r.ShardKeySelector, r.ReadConsistency, r.HasTimeout, r.Timeout);
        if (r.SparseIndices is not null)
        {
            throw Common.Errors.CitadelException.BadInput("Sparse vectors are not supported by Citadel yet");
        }

        var source = Source(r.Filter, r.Params, r.WithPayload, r.WithVectors, r.HasVectorName ? r.VectorName : null, null) with
        {
            Query = new NearestQuery(VectorInput.OfVector([.. r.Vector])),
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
        };
        return GroupConversions.Groups(source, r.GroupBy, r.GroupSize, r.Limit, r.WithLookup);
    }

    private static void Checks(G.ShardKeySelector? shardKey, G.ReadConsistency? consistency, bool hasTimeout, ulong timeout)
    {
        GrpcInput.NoShardKey(shardKey);
        GrpcInput.ReadConsistency(consistency);
        GrpcInput.Timeout(hasTimeout, timeout);
    }

    private static QueryRequest Source(G.Filter? filter, G.SearchParams? p, G.WithPayloadSelector? withPayload, G.WithVectorsSelector? withVectors, string? vectorName, G.LookupLocation? lookup) => new()
    {
        Using = vectorName ?? string.Empty,
        Filter = FilterConversions.ToDomainOrNull(filter),
        Params = SearchConversions.Params(p),
        WithPayload = SelectorConversions.WithPayload(withPayload, PayloadSelector.None),
        WithVector = SelectorConversions.WithVectors(withVectors),
        LookupFrom = QueryConversions.Lookup(lookup),
    };

    private static List<VectorInput> Examples(IEnumerable<G.PointId> ids, IEnumerable<G.Vector> vectors) =>
        [.. ids.Select(id => VectorInput.OfId(PointIdConversions.ToDomain(id))), .. vectors.Select(v => VectorInput.OfVector(VectorConversions.Dense(v)))];
}
