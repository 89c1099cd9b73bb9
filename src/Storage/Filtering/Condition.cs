using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Storage.Filtering;

/// <summary>One clause of a <see cref="Filter"/>.</summary>
public abstract record Condition;

/// <summary>
/// A condition on the values found at <see cref="Key"/> in the payload. Exactly one of the tests is set,
/// except that Qdrant lets <see cref="IsEmpty"/>/<see cref="IsNull"/> appear on their own too.
/// A point matches when any value at the key passes the test (arrays are flattened).
/// </summary>
public sealed record FieldCondition(JsonPath Key) : Condition
{
    /// <summary>Exact, any-of, except, text, phrase or prefix match.</summary>
    public Match? Match { get; init; }

    /// <summary>Numeric range.</summary>
    public NumericRange? Range { get; init; }

    /// <summary>Date-time range (RFC 3339 strings in the payload).</summary>
    public DatetimeRange? DatetimeRange { get; init; }

    /// <summary>Inside a rectangle.</summary>
    public GeoBoundingBox? GeoBoundingBox { get; init; }

    /// <summary>Inside a circle.</summary>
    public GeoRadius? GeoRadius { get; init; }

    /// <summary>Inside a polygon with optional holes.</summary>
    public GeoPolygon? GeoPolygon { get; init; }

    /// <summary>Number of values at the key.</summary>
    public ValuesCount? ValuesCount { get; init; }

    /// <summary>Field-level emptiness test (gRPC <c>FieldCondition.is_empty</c>).</summary>
    public bool? IsEmpty { get; init; }

    /// <summary>Field-level null test (gRPC <c>FieldCondition.is_null</c>).</summary>
    public bool? IsNull { get; init; }
}

/// <summary>The key is missing, null, or an empty array.</summary>
public sealed record IsEmptyCondition(JsonPath Key) : Condition;

/// <summary>The key holds JSON null.</summary>
public sealed record IsNullCondition(JsonPath Key) : Condition;

/// <summary>The point's id is one of <see cref="Ids"/>.</summary>
public sealed record HasIdCondition(IReadOnlySet<PointId> Ids) : Condition;

/// <summary>The point has a value for the named vector ("" is the unnamed vector).</summary>
public sealed record HasVectorCondition(string VectorName) : Condition;

/// <summary>
/// The point's id falls into slice <see cref="Index"/> of <see cref="Total"/> disjoint deterministic slices of the id space.
/// </summary>
public sealed record SliceCondition(uint Total, uint Index) : Condition;

/// <summary>
/// At least one element of the array at <see cref="Key"/> satisfies <see cref="Filter"/> as a whole
/// (keys inside the filter are relative to the element).
/// </summary>
public sealed record NestedCondition(JsonPath Key, Filter Filter) : Condition;

/// <summary>A whole filter used as one condition.</summary>
public sealed record FilterCondition(Filter Filter) : Condition;
