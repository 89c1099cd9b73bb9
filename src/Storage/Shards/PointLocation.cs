using Citadel.Storage.Filtering;
using Citadel.Storage.Points;
using Citadel.Storage.Segments;

namespace Citadel.Storage.Shards;

/// <summary>Where a live point is stored: a segment and an offset in it.</summary>
internal readonly record struct PointLocation(Segment Segment, int Offset);

/// <summary>A point seen through the filter evaluator's eyes; a struct so that filtering allocates nothing.</summary>
internal readonly struct SegmentPoint(Segment segment, int offset) : IPointFacts
{
    public PointId Id => segment.IdAt(offset);

    public System.Text.Json.JsonElement Payload => segment.PayloadAt(offset);

    public bool HasVector(string name) => segment.HasVector(offset, name);
}
