using Citadel.Common.Errors;

namespace Citadel.Storage.Query;

/// <summary>
/// The legacy recommend and discover endpoints as queries, with the checks those endpoints make on their examples
/// before anything runs (the query API itself is more lenient).
/// </summary>
public static class LegacyExplore
{
    /// <summary>A recommendation; <c>average_vector</c> needs a positive, the others any example.</summary>
    public static RecommendQuery Recommend(IReadOnlyList<VectorInput> positive, IReadOnlyList<VectorInput> negative, RecommendStrategy strategy)
    {
        if (strategy == RecommendStrategy.AverageVector && positive.Count == 0)
        {
            throw CitadelException.BadRequest("At least one positive vector ID required with this strategy");
        }

        if (positive.Count + negative.Count == 0)
        {
            throw CitadelException.BadRequest("At least one positive or negative vector ID required with this strategy");
        }

        return new RecommendQuery(positive, negative, strategy);
    }

    /// <summary>Discovery with a target, context search without one; one of the two is needed.</summary>
    public static QueryVariant Discover(VectorInput? target, IReadOnlyList<ContextPair> pairs)
    {
        if (target is null && pairs.Count == 0)
        {
            throw CitadelException.BadRequest("target and/or context_pairs must be specified");
        }

        return target is null ? new ContextQuery(pairs) : new DiscoverQuery(target, pairs);
    }
}
