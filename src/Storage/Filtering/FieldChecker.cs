using System.Text.Json;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Filtering;

/// <summary>
/// A <see cref="FieldCondition"/> on a payload, as <c>check_field_condition</c> (query_checker.rs) and
/// <c>impl ValueChecker for FieldCondition</c> (condition_checker.rs) do without a payload index.
/// </summary>
internal static class FieldChecker
{
    /// <summary>
    /// With no value at the key only the emptiness tests can hold (<c>is_empty: true</c>, <c>is_null: false</c>);
    /// every other test, <c>except</c> and <c>values_count</c> included, fails. Otherwise the condition holds when
    /// some raw value at the key passes <see cref="CheckValue"/>.
    /// </summary>
    public static bool Check(FieldCondition condition, JsonElement payload)
    {
        if (condition.Match is PointLevelMatch pointLevel)
        {
            // The other tests of the condition still count: Qdrant ORs the tests a condition carries.
            return pointLevel.Matches(condition.Key, payload) || (HasScalarTests(condition) && Check(condition with { Match = null }, payload));
        }

        var visitor = new Visitor(condition);
        var matched = condition.Key.Visit(payload, ref visitor);
        return visitor.SawValue ? matched : CheckMissing(condition);
    }

    private static bool HasScalarTests(FieldCondition condition) =>
        condition.Range is not null || condition.DatetimeRange is not null ||
        condition.GeoRadius is not null || condition.GeoBoundingBox is not null || condition.GeoPolygon is not null;

    private static bool CheckMissing(FieldCondition condition) => condition.IsEmpty is { } isEmpty
        ? isEmpty
        : condition.IsNull is { } isNull && !isNull;

    // values_count, is_empty and is_null look at the raw value (an array counts, or is empty, as a whole) and take
    // precedence in that order; the other tests look at each element of an array, or at the value itself.
    private static bool CheckValue(FieldCondition condition, JsonElement value)
    {
        if (condition.ValuesCount is { } count)
        {
            return count.Contains(CountOf(value));
        }

        if (condition.IsEmpty is { } isEmpty)
        {
            return PresenceChecker.ValueIsEmpty(value) == isEmpty;
        }

        if (condition.IsNull is { } isNull)
        {
            return PresenceChecker.ValueIsNull(value) == isNull;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            return CheckScalar(condition, value);
        }

        foreach (var element in value.EnumerateArray())
        {
            if (CheckScalar(condition, element))
            {
                return true;
            }
        }

        return false;
    }

    // Qdrant ORs the tests a condition carries.
    private static bool CheckScalar(FieldCondition condition, JsonElement value) =>
        (condition.Match is { } match && MatchChecker.Check(match, value)) ||
        (condition.Range is { } range && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && range.Contains(number)) ||
        (condition.DatetimeRange is { } datetimeRange && InDatetimeRange(datetimeRange, value)) ||
        (condition.GeoRadius is { } radius && TryGetGeoPoint(value, out var p1) && GeoMath.Contains(radius, p1)) ||
        (condition.GeoBoundingBox is { } box && TryGetGeoPoint(value, out var p2) && GeoMath.Contains(box, p2)) ||
        (condition.GeoPolygon is { } polygon && TryGetGeoPoint(value, out var p3) && GeoMath.Contains(polygon, p3));

    // Null holds no values and an array holds its length; anything else is one value (ValuesCount::check_count_from).
    private static ulong CountOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.Array => (ulong)value.GetArrayLength(),
        _ => 1,
    };

    // Only strings are dates; numbers are not read as timestamps.
    private static bool InDatetimeRange(DatetimeRange range, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        DateTimeOffset instant;
        var parsed = JsonStrings.TryGetUnescapedUtf8(value, out var utf8)
            ? QdrantDateTime.TryParse(utf8, out instant)
            : QdrantDateTime.TryParse(value.GetString(), out instant);
        return parsed && range.Contains(instant);
    }

    // A geo value is an object with numeric "lon" and "lat"; other members are ignored and ranges are not checked.
    private static bool TryGetGeoPoint(JsonElement value, out GeoPoint point)
    {
        point = default;
        if (value.ValueKind != JsonValueKind.Object ||
            !value.TryGetProperty("lon"u8, out var lon) || lon.ValueKind != JsonValueKind.Number || !lon.TryGetDouble(out var x) ||
            !value.TryGetProperty("lat"u8, out var lat) || lat.ValueKind != JsonValueKind.Number || !lat.TryGetDouble(out var y))
        {
            return false;
        }

        point = new GeoPoint(x, y);
        return true;
    }

    private struct Visitor(FieldCondition condition) : IJsonValueVisitor
    {
        public bool SawValue { get; private set; }

        public bool Visit(JsonElement value)
        {
            SawValue = true;
            return CheckValue(condition, value);
        }
    }
}
