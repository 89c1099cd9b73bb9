using Citadel.Storage.Filtering;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Index;

/// <summary>
/// Estimates how many live points of a segment match a filter, for the search planner (graph or exact scan).
/// The default samples payloads; payload indexes can answer from their posting lists instead.
/// </summary>
internal interface ICardinalityEstimator
{
    /// <summary>The estimate for <paramref name="filter"/> over the live points of <paramref name="segment"/>.</summary>
    CardinalityEstimate Estimate(Segment segment, Filter filter);
}
