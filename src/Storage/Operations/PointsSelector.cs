using Citadel.Storage.Filtering;
using Citadel.Storage.Points;

namespace Citadel.Storage.Operations;

/// <summary>Which points an update applies to: listed ids, or every point matching a filter.</summary>
public abstract record PointsSelector;

/// <summary>The listed points (missing ids are ignored, as in Qdrant).</summary>
public sealed record IdsSelector(IReadOnlyList<PointId> Ids) : PointsSelector;

/// <summary>Every point matching the filter at the moment the operation is applied.</summary>
public sealed record FilterSelector(Filter Filter) : PointsSelector;
