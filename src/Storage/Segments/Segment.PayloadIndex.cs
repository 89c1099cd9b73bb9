using Citadel.Storage.Index.Payload;
using Citadel.Storage.Index.Payload.Planning;

namespace Citadel.Storage.Segments;

internal sealed partial class Segment
{
    /// <summary>
    /// The payload indexes of this segment, or null when the collection indexes no field. Mutable (and updated by
    /// every append and payload write) while the segment is appendable; built once for a sealed segment.
    /// </summary>
    public SegmentPayloadIndex? PayloadIndex { get; set; }

    /// <summary>
    /// How many live points of this segment match <paramref name="filter"/> (min ≤ exact ≤ max), from the payload
    /// indexes: what a search planner weighs to choose between a filtered scan and a graph search.
    /// </summary>
    public CardinalityEstimation EstimateCardinality(IndexedFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter.EstimateCardinality(this);
    }
}
