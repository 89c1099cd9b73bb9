using Citadel.Common.Errors;
using Citadel.Storage.Payloads;
using Citadel.Storage.Query;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>QueryPoints</c>, <c>PrefetchQuery</c> and the <c>Query</c> oneof into the domain query, with the REST
/// adapter's defaults and words; formula, MMR and relevance feedback answer UNIMPLEMENTED naming them.
/// </summary>
internal static class QueryConversions
{
    public static QueryRequest ToDomain(G.QueryPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        return new QueryRequest
        {
            Prefetches = r.Prefetch.Select(Prefetch).ToList(),
            Query = r.Query is { } q ? Query(q) : null,
            Using = r.HasUsing ? r.Using : string.Empty,
            Filter = FilterConversions.ToDomainOrNull(r.Filter),
            Params = SearchConversions.Params(r.Params),
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
            Limit = r.HasLimit ? GrpcInput.Limit(r.Limit) : QueryRequest.DefaultLimit,
            Offset = r.HasOffset ? GrpcInput.Offset(r.Offset) : 0,
            WithPayload = SelectorConversions.WithPayload(r.WithPayload, PayloadSelector.None),
            WithVector = SelectorConversions.WithVectors(r.WithVectors),
            LookupFrom = Lookup(r.LookupFrom),
        };
    }

    /// <summary><c>LookupLocation</c>; a shard key selector is refused like everywhere else.</summary>
    public static LookupLocation? Lookup(G.LookupLocation? l)
    {
        if (l is null)
        {
            return null;
        }

        GrpcInput.NoShardKey(l.ShardKeySelector);
        return new LookupLocation(l.CollectionName, l.HasVectorName ? l.VectorName : null);
    }

    /// <summary>The <c>Query</c> oneof.</summary>
    public static QueryVariant Query(G.Query q) => q.VariantCase switch
    {
        G.Query.VariantOneofCase.Nearest => new NearestQuery(VectorConversions.QueryInput(q.Nearest)),
        G.Query.VariantOneofCase.Recommend => new RecommendQuery(
            q.Recommend.Positive.Select(VectorConversions.QueryInput).ToList(),
            q.Recommend.Negative.Select(VectorConversions.QueryInput).ToList(),
            q.Recommend.HasStrategy ? Strategy(q.Recommend.Strategy) : RecommendStrategy.AverageVector),
        G.Query.VariantOneofCase.Discover => new DiscoverQuery(
            VectorConversions.QueryInput(GrpcInput.Require(q.Discover.Target, "DiscoverInput target is missing")),
            Pairs(q.Discover.Context)),
        G.Query.VariantOneofCase.Context => new ContextQuery(Pairs(q.Context)),
        G.Query.VariantOneofCase.OrderBy => new OrderByQuery(SearchConversions.OrderBy(q.OrderBy)),
        G.Query.VariantOneofCase.Fusion => q.Fusion switch
        {
            G.Fusion.Rrf => new FusionQuery(FusionMethod.Rrf),
            G.Fusion.Dbsf => new FusionQuery(FusionMethod.Dbsf),
            var other => throw GrpcInput.Invalid($"invalid fusion type value {(int)other}"),
        },
        G.Query.VariantOneofCase.Rrf => new FusionQuery(
            FusionMethod.Rrf,
            q.Rrf.HasK ? (q.Rrf.K >= 1 ? (int)Math.Min(q.Rrf.K, int.MaxValue) : throw GrpcInput.Validation("rrf.k", "value 0 invalid, must be 1 or more")) : FusionQuery.DefaultRrfK,
            q.Rrf.Weights.Count > 0 ? q.Rrf.Weights.Select(w => GrpcInput.Finite(w, "rrf.weights")).ToList() : null),
        G.Query.VariantOneofCase.Sample => q.Sample == G.Sample.Random ? new SampleQuery() : throw GrpcInput.Invalid($"invalid sample type value {(int)q.Sample}"),
        G.Query.VariantOneofCase.NearestWithMmr => throw new CitadelException(ErrorKind.Unimplemented, "`mmr` in the query API is not implemented yet"),
        G.Query.VariantOneofCase.Formula => throw Unimplemented("formula"),
        G.Query.VariantOneofCase.RelevanceFeedback => throw Unimplemented("relevance_feedback"),
        _ => throw GrpcInput.Invalid("Query variant is missing"),
    };

    /// <summary>A <c>RecommendStrategy</c> sent as a raw number; unknown numbers are refused.</summary>
    public static RecommendStrategy Strategy(G.RecommendStrategy s) => s switch
    {
        G.RecommendStrategy.AverageVector => RecommendStrategy.AverageVector,
        G.RecommendStrategy.BestScore => RecommendStrategy.BestScore,
        G.RecommendStrategy.SumScores => RecommendStrategy.SumScores,
        _ => throw GrpcInput.Invalid($"Unknown recommend strategy: {(int)s}"),
    };

    private static Prefetch Prefetch(G.PrefetchQuery p) => new()
    {
        Prefetches = p.Prefetch.Select(Prefetch).ToList(),
        Query = p.Query is { } q ? Query(q) : null,
        Using = p.HasUsing ? p.Using : string.Empty,
        Filter = FilterConversions.ToDomainOrNull(p.Filter),
        Params = SearchConversions.Params(p.Params),
        ScoreThreshold = p.HasScoreThreshold ? GrpcInput.Finite(p.ScoreThreshold, "score_threshold") : null,
        Limit = p.HasLimit ? GrpcInput.Limit(p.Limit) : Storage.Query.Prefetch.DefaultLimit,
        LookupFrom = Lookup(p.LookupFrom),
    };

    private static List<ContextPair> Pairs(G.ContextInput? context) =>
        context?.Pairs.Select(p => new ContextPair(
            VectorConversions.QueryInput(GrpcInput.Require(p.Positive, "Context pair positive is missing")),
            VectorConversions.QueryInput(GrpcInput.Require(p.Negative, "Context pair negative is missing")))).ToList() ?? [];

    private static CitadelException Unimplemented(string name) => new(ErrorKind.Unimplemented, $"The `{name}` query is not implemented yet");
}
