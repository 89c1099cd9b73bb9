namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>A value an <c>order_by</c> sorts on, and the offset holding it.</summary>
/// <param name="Value">The number (a date-time as epoch microseconds).</param>
/// <param name="IsInteger">True when Qdrant reports it as an integer (integer and datetime indexes).</param>
/// <param name="Offset">The point's offset in its segment.</param>
internal readonly record struct OrderedValue(double Value, bool IsInteger, int Offset);

/// <summary>A numeric index that can list its values in order (Qdrant's <c>as_numeric</c>: integer, float, datetime).</summary>
internal interface IOrderSource
{
    /// <summary>
    /// Every (value, offset) pair in value order, one per value of a point, starting at <paramref name="startFrom"/>
    /// (inclusive, in the direction of travel) when given.
    /// </summary>
    IEnumerable<OrderedValue> Ordered(bool descending, double? startFrom);
}
