using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index.Payload.Planning;

internal sealed partial class IndexedFilter
{
    /// <summary>
    /// How many live points of <paramref name="segment"/> match, by Qdrant's rules (<c>query_estimator.rs</c>): each
    /// condition an index serves is counted from its candidates (exactly, when the index is exact for it), any other
    /// condition is unknown (between none and all), and must / should / min_should / must_not combine as in Qdrant.
    /// The bounds always hold: <c>Min ≤ exact count ≤ Max</c>.
    /// </summary>
    public CardinalityEstimation EstimateCardinality(Segment segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return EstimateFilter(segment, Filter, segment.LiveCount);
    }

    private CardinalityEstimation EstimateFilter(Segment segment, Filter filter, int total)
    {
        var parts = new List<CardinalityEstimation>(4);
        if (filter.Must.Count > 0)
        {
            parts.Add(CardinalityEstimation.AllOf(filter.Must.Select(c => EstimateCondition(segment, c, total)).ToList(), total));
        }

        if (filter.Should.Count > 0)
        {
            parts.Add(CardinalityEstimation.AnyOf(filter.Should.Select(c => EstimateCondition(segment, c, total)).ToList(), total));
        }

        if (filter.MinShould is { } minShould)
        {
            parts.Add(CardinalityEstimation.AtLeast(minShould.Conditions.Select(c => EstimateCondition(segment, c, total)).ToList(), minShould.MinCount, total));
        }

        if (filter.MustNot.Count > 0)
        {
            parts.Add(CardinalityEstimation.AllOf(filter.MustNot.Select(c => EstimateCondition(segment, c, total).Invert(total)).ToList(), total));
        }

        return CardinalityEstimation.AllOf(parts, total);
    }

    private CardinalityEstimation EstimateCondition(Segment segment, Condition condition, int total)
    {
        switch (condition)
        {
            case FilterCondition inner:
                return EstimateFilter(segment, inner.Filter, total);
            case FieldCondition field when ConditionCandidates(segment, condition, null, nested: false) is { } set:
                var live = CountLive(segment, set);
                return segment.PayloadIndex!.Find(field.Key)!.IsExact(field) ? CardinalityEstimation.Exact(live) : new(0, live, live);
            case HasIdCondition when ConditionCandidates(segment, condition, null, nested: false) is { } ids:
                return CardinalityEstimation.Exact(CountLive(segment, ids));
            case NestedCondition when ConditionCandidates(segment, condition, null, nested: false) is { } nested:
                var candidates = CountLive(segment, nested);
                return new(0, candidates / 2, candidates);
            default:
                return CardinalityEstimation.Unknown(total);
        }
    }

    private static int CountLive(Segment segment, CandidateSet set)
    {
        var count = 0;
        foreach (var o in set)
        {
            if (o < segment.Count && !segment.IsDeleted(o))
            {
                count++;
            }
        }

        return count;
    }
}
