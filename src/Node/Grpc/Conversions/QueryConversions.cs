using Citadel.Common.Errors;
using Citadel.Storage.Payloads;
using Citadel.Storage.Search;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>QueryPoints</c> as far as the query engine goes today: no query, nearest by dense vector, nearest by point id.
/// Every other query kind, prefetch and lookup answer UNIMPLEMENTED with the REST adapter's wording.
/// </summary>
internal static class QueryConversions
{
    public static QueryRequest ToDomain(G.QueryPoints r)
    {
        GrpcInput.NoShardKey(r.ShardKeySelector);
        GrpcInput.ReadConsistency(r.ReadConsistency);
        GrpcInput.Timeout(r.HasTimeout, r.Timeout);
        if (r.Prefetch.Count > 0)
        {
            throw new CitadelException(ErrorKind.Unimplemented, "`prefetch` in the query API is not implemented yet");
        }

        if (r.LookupFrom is not null)
        {
            throw new CitadelException(ErrorKind.Unimplemented, "`lookup_from` in the query API is not implemented yet");
        }

        return new QueryRequest
        {
            Query = r.Query is { } q ? Query(q) : null,
            Using = r.HasUsing ? r.Using : string.Empty,
            Filter = FilterConversions.ToDomainOrNull(r.Filter),
            Params = SearchConversions.Params(r.Params),
            ScoreThreshold = r.HasScoreThreshold ? GrpcInput.Finite(r.ScoreThreshold, "score_threshold") : null,
            Limit = r.HasLimit ? GrpcInput.Limit(r.Limit) : 10,
            Offset = r.HasOffset ? GrpcInput.Offset(r.Offset) : 0,
            WithPayload = SelectorConversions.WithPayload(r.WithPayload, PayloadSelector.None),
            WithVector = SelectorConversions.WithVectors(r.WithVectors),
        };
    }

    private static QueryInput Query(G.Query q) => q.VariantCase switch
    {
        G.Query.VariantOneofCase.Nearest => VectorConversions.QueryInput(q.Nearest),
        G.Query.VariantOneofCase.NearestWithMmr => throw new CitadelException(ErrorKind.Unimplemented, "`mmr` in the query API is not implemented yet"),
        G.Query.VariantOneofCase.None => throw GrpcInput.Invalid("Query variant is missing"),
        var other => throw new CitadelException(ErrorKind.Unimplemented, $"The `{Name(other)}` query is not implemented yet"),
    };

    /// <summary>The variant's name as the REST API spells it.</summary>
    private static string Name(G.Query.VariantOneofCase variant) => variant switch
    {
        G.Query.VariantOneofCase.Recommend => "recommend",
        G.Query.VariantOneofCase.Discover => "discover",
        G.Query.VariantOneofCase.Context => "context",
        G.Query.VariantOneofCase.OrderBy => "order_by",
        G.Query.VariantOneofCase.Fusion => "fusion",
        G.Query.VariantOneofCase.Sample => "sample",
        G.Query.VariantOneofCase.Formula => "formula",
        G.Query.VariantOneofCase.Rrf => "rrf",
        G.Query.VariantOneofCase.RelevanceFeedback => "relevance_feedback",
        _ => variant.ToString(),
    };
}
