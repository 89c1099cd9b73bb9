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
}
