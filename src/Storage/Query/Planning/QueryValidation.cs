using Citadel.Common.Errors;

namespace Citadel.Storage.Query.Planning;

/// <summary>Qdrant's checks on each level of a query (<c>CollectionQueryRequest::validation</c>), with its messages.</summary>
internal static class QueryValidation
{
    /// <summary>Qdrant's <c>MAX_PREFETCH_DEPTH</c>.</summary>
    public const int MaxPrefetchDepth = 64;

    public static void Level(QueryVariant? query, string vectorName, bool hasPrefetches, float? scoreThreshold)
    {
        if (hasPrefetches && query is null)
        {
            throw CitadelException.BadRequest("A query is needed to merge the prefetches. Can't have prefetches without defining a query.");
        }

        if (scoreThreshold is not null)
        {
            switch (query)
            {
                case OrderByQuery:
                    throw CitadelException.BadRequest("Can't use score_threshold with an order_by query.");
                case null:
                    throw CitadelException.BadRequest("A query is needed to use the score_threshold. Can't have score_threshold without defining a query.");
            }
        }

        if (query is FusionQuery && vectorName.Length > 0)
        {
            throw CitadelException.BadRequest("Fusion queries cannot be combined with the 'using' field.");
        }
    }

    public static void Depth(IReadOnlyList<Prefetch> prefetches)
    {
        var depth = QueryTree.Depth(prefetches);
        if (depth > MaxPrefetchDepth)
        {
            throw CitadelException.BadInput($"prefetches depth {depth} exceeds max depth {MaxPrefetchDepth}");
        }
    }

    /// <summary>A fusion merges prefetches; a level without any has nothing to fuse.</summary>
    public static void Leaf(Scoring? scoring)
    {
        if (scoring is FusionScoring)
        {
            throw CitadelException.BadInput("cannot apply Fusion without prefetches");
        }
    }
}
