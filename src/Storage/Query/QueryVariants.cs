using Citadel.Storage.Search;

namespace Citadel.Storage.Query;

/// <summary>What a query (or a prefetch) scores its candidates by: Qdrant's <c>Query</c> variants.</summary>
public abstract record QueryVariant;

/// <summary>Nearest neighbours of one vector.</summary>
public sealed record NearestQuery(VectorInput Target) : QueryVariant;

/// <summary>How <see cref="RecommendQuery"/> combines its examples.</summary>
public enum RecommendStrategy
{
    /// <summary>Nearest to <c>avg(pos) + (avg(pos) - avg(neg))</c>.</summary>
    AverageVector,

    /// <summary>The best similarity to any example; negatives win when closer.</summary>
    BestScore,

    /// <summary>Sum of similarities to positives minus the sum to negatives.</summary>
    SumScores,
}

/// <summary>Points like the positive examples and unlike the negative ones.</summary>
public sealed record RecommendQuery(IReadOnlyList<VectorInput> Positive, IReadOnlyList<VectorInput> Negative, RecommendStrategy Strategy) : QueryVariant;

/// <summary>A positive and a negative example that split the space in two.</summary>
public sealed record ContextPair(VectorInput Positive, VectorInput Negative);

/// <summary>Points near <see cref="Target"/> ranked first by how many context pairs they are on the positive side of.</summary>
public sealed record DiscoverQuery(VectorInput Target, IReadOnlyList<ContextPair> Context) : QueryVariant;

/// <summary>Points in the zone where the positive sides of the pairs overlap (scores are losses, at most 0).</summary>
public sealed record ContextQuery(IReadOnlyList<ContextPair> Pairs) : QueryVariant;

/// <summary>Points ordered by a payload field.</summary>
public sealed record OrderByQuery(OrderBy OrderBy) : QueryVariant;

/// <summary>How <see cref="FusionQuery"/> merges the prefetches.</summary>
public enum FusionMethod
{
    /// <summary>Reciprocal rank fusion.</summary>
    Rrf,

    /// <summary>Distribution-based score fusion.</summary>
    Dbsf,
}

/// <summary>Merges the results of the prefetches into one ranking.</summary>
/// <param name="Method">The fusion algorithm.</param>
/// <param name="K">RRF's rank constant (Qdrant's default is 2).</param>
/// <param name="Weights">RRF weights, one per prefetch; null weighs them equally.</param>
public sealed record FusionQuery(FusionMethod Method, int K = FusionQuery.DefaultRrfK, IReadOnlyList<float>? Weights = null) : QueryVariant
{
    /// <summary>Qdrant's <c>DEFAULT_RRF_K</c>.</summary>
    public const int DefaultRrfK = 2;
}

/// <summary>Random points.</summary>
public sealed record SampleQuery : QueryVariant;
