using Citadel.Storage.Index.Payload.Planning;
using Citadel.Storage.Filtering;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index;

/// <summary>
/// The one place the search planner asks how selective a filter is in a segment. Today it samples; a payload-index
/// based estimator replaces <see cref="Estimator"/> (or wraps the sampling one as its fallback).
/// </summary>
internal static class FilterCardinality
{
    private static ICardinalityEstimator s_estimator = new SampledCardinalityEstimator();

    /// <summary>The estimator in use.</summary>
    public static ICardinalityEstimator Estimator
    {
        get => Volatile.Read(ref s_estimator);
        set => Volatile.Write(ref s_estimator, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>How many live points of <paramref name="segment"/> match <paramref name="filter"/>.</summary>
    public static CardinalityEstimate Estimate(Segment segment, Filter filter) => Estimator.Estimate(segment, filter);

    /// <summary>
    /// The estimate with the payload indexes' help: their bounds are certain, so when they decide alone (exact, or a
    /// narrow interval) they are the answer; otherwise the sample's estimate is clamped into them.
    /// </summary>
    public static CardinalityEstimate Estimate(Segment segment, Filter filter, IndexedFilter? indexed)
    {
        if (indexed is null)
        {
            return Estimate(segment, filter);
        }

        var bounds = indexed.EstimateCardinality(segment);
        if (bounds.Min == bounds.Max)
        {
            return new CardinalityEstimate(bounds.Min, bounds.Expected, bounds.Max);
        }

        var sampled = Estimate(segment, filter);
        long Clamp(long v) => Math.Clamp(v, bounds.Min, bounds.Max);
        return new CardinalityEstimate(Clamp(sampled.Min), Clamp(sampled.Expected), Clamp(sampled.Max));
    }
}
