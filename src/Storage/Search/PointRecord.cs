using System.Text.Json;
using Citadel.Storage.Points;

namespace Citadel.Storage.Search;

/// <summary>A point as returned by retrieve and scroll (Qdrant's <c>Record</c>).</summary>
/// <param name="Id">The point id.</param>
/// <param name="Payload">The selected payload, or <c>null</c> when not requested.</param>
/// <param name="Vectors">The selected vectors by name ("" = unnamed), or <c>null</c> when not requested.</param>
/// <param name="OrderValue">The value the results were ordered by, for <c>order_by</c> scrolls.</param>
public sealed record PointRecord(PointId Id, JsonElement? Payload, IReadOnlyDictionary<string, float[]>? Vectors, OrderValue? OrderValue = null);

/// <summary>A search hit (Qdrant's <c>ScoredPoint</c>).</summary>
public sealed record ScoredPoint(PointId Id, ulong Version, float Score, JsonElement? Payload, IReadOnlyDictionary<string, float[]>? Vectors)
{
    /// <summary>The value the results were ordered by, when ordered by a payload field.</summary>
    public OrderValue? OrderValue { get; init; }
}

/// <summary>An <c>order_by</c> value: an integer or a float.</summary>
public readonly record struct OrderValue(double Value, bool IsInteger)
{
    /// <summary>The value as an integer.</summary>
    public long AsInteger => (long)Value;
}
