using System.Text.Json;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads Qdrant's <c>Filter</c> JSON. Unknown fields are rejected, as Qdrant does for filters.</summary>
internal static class FilterParser
{
    /// <summary>Nesting deeper than this is refused (a cheap guard against stack exhaustion).</summary>
    public const int MaxDepth = 32;

    public static Filter Parse(JNode node, int depth = 0)
    {
        if (depth > MaxDepth)
        {
            throw node.InvalidValue($"filter nesting deeper than {MaxDepth} levels");
        }

        node.Object("must", "should", "must_not", "min_should");
        MinShould? minShould = null;
        if (node.Optional("min_should") is { } ms)
        {
            ms.Object("conditions", "min_count");
            var minCount = ms.Required("min_count").Count();
            if (minCount < 1)
            {
                throw ms.InvalidValue("min_count: value must be at least 1");
            }

            minShould = new MinShould(ms.Required("conditions").Items().Select(c => ParseCondition(c, depth + 1)).ToList(), minCount);
        }

        return new Filter(Clauses(node.Optional("must"), depth), Clauses(node.Optional("should"), depth), Clauses(node.Optional("must_not"), depth), minShould);
    }

    private static List<Condition> Clauses(JNode? node, int depth)
    {
        if (node is not { } n)
        {
            return [];
        }

        // Qdrant accepts a single condition where a list is expected.
        return n.Kind == JsonValueKind.Array ? n.Items().Select(c => ParseCondition(c, depth + 1)).ToList() : [ParseCondition(n, depth + 1)];
    }

    public static Condition ParseCondition(JNode node, int depth)
    {
        if (node.Kind != JsonValueKind.Object)
        {
            throw node.Invalid("a condition");
        }

        if (node.Has("key"))
        {
            return ParseField(node);
        }

        if (node.Optional("is_empty") is { } ie)
        {
            node.Object("is_empty");
            return new IsEmptyCondition(Key(ie.Object("key").Required("key")));
        }

        if (node.Optional("is_null") is { } isn)
        {
            node.Object("is_null");
            return new IsNullCondition(Key(isn.Object("key").Required("key")));
        }

        if (node.Optional("has_id") is { } hid)
        {
            node.Object("has_id");
            return new HasIdCondition(hid.Items().Select(PointIdParser.Parse).ToHashSet());
        }

        if (node.Optional("has_vector") is { } hv)
        {
            node.Object("has_vector");
            return new HasVectorCondition(hv.String());
        }

        if (node.Optional("nested") is { } nested)
        {
            node.Object("nested");
            nested.Object("key", "filter");
            return new NestedCondition(Key(nested.Required("key")), Parse(nested.Required("filter"), depth + 1));
        }

        if (node.Optional("slice") is { } slice)
        {
            node.Object("slice");
            slice.Object("total", "index");
            var total = slice.Required("total").UInt32();
            var index = slice.Required("index").UInt32();
            if (total == 0 || index >= total)
            {
                throw slice.InvalidValue("index must be less than total, and total at least 1");
            }

            return new SliceCondition(total, index);
        }

        if (node.Has("must") || node.Has("should") || node.Has("must_not") || node.Has("min_should") || !node.Element.EnumerateObject().Any())
        {
            return new FilterCondition(Parse(node, depth + 1));
        }

        throw node.InvalidValue("data did not match any variant of untagged enum Condition");
    }

    private static FieldCondition ParseField(JNode node)
    {
        node.Object("key", "match", "range", "geo_bounding_box", "geo_radius", "geo_polygon", "values_count", "is_empty", "is_null");
        var condition = new FieldCondition(Key(node.Required("key")))
        {
            Match = node.Optional("match") is { } m ? ParseMatch(m) : null,
            GeoBoundingBox = node.Optional("geo_bounding_box") is { } bb ? ParseBox(bb) : null,
            GeoRadius = node.Optional("geo_radius") is { } gr ? ParseRadius(gr) : null,
            GeoPolygon = node.Optional("geo_polygon") is { } gp ? ParsePolygon(gp) : null,
            ValuesCount = node.Optional("values_count") is { } vc ? ParseValuesCount(vc) : null,
            IsEmpty = node.Optional("is_empty")?.Bool(),
            IsNull = node.Optional("is_null")?.Bool(),
        };
        if (node.Optional("range") is { } range)
        {
            if (IsDatetimeRange(range))
            {
                condition = condition with { DatetimeRange = ParseDatetimeRange(range) };
            }
            else
            {
                condition = condition with { Range = ParseRange(range) };
            }
        }

        var tests = (condition.Match is null ? 0 : 1) + (condition.Range is null ? 0 : 1) + (condition.DatetimeRange is null ? 0 : 1)
            + (condition.GeoBoundingBox is null ? 0 : 1) + (condition.GeoRadius is null ? 0 : 1) + (condition.GeoPolygon is null ? 0 : 1)
            + (condition.ValuesCount is null ? 0 : 1) + (condition.IsEmpty is null ? 0 : 1) + (condition.IsNull is null ? 0 : 1);
        if (tests == 0)
        {
            throw node.InvalidValue("At least one field condition must be specified");
        }

        return condition;
    }

    public static JsonPath Key(JNode node) => JsonPath.Parse(node.String());

    private static Match ParseMatch(JNode node)
    {
        if (node.Optional("value") is { } v)
        {
            node.Object("value");
            return new MatchValue(Scalar(v));
        }

        if (node.Optional("any") is { } any)
        {
            node.Object("any");
            return new MatchAny(ScalarList(any));
        }

        if (node.Optional("except") is { } except)
        {
            node.Object("except");
            return new MatchExcept(ScalarList(except));
        }

        if (node.Optional("text") is { } text)
        {
            node.Object("text");
            return new MatchText(text.String());
        }

        if (node.Optional("text_any") is { } textAny)
        {
            node.Object("text_any");
            return new MatchTextAny(textAny.String());
        }

        if (node.Optional("phrase") is { } phrase)
        {
            node.Object("phrase");
            return new MatchPhrase(phrase.String());
        }

        if (node.Optional("prefix") is { } prefix)
        {
            node.Object("prefix");
            return new MatchPrefix(prefix.String());
        }

        throw node.InvalidValue("data did not match any variant of untagged enum Match");
    }

    private static MatchScalar Scalar(JNode node) => node.Kind switch
    {
        JsonValueKind.String => MatchScalar.Of(node.String()),
        JsonValueKind.Number => MatchScalar.Of(node.Int64()),
        JsonValueKind.True or JsonValueKind.False => MatchScalar.Of(node.Bool()),
        _ => throw node.Invalid("a string, integer or boolean"),
    };

    private static List<MatchScalar> ScalarList(JNode node)
    {
        var items = node.Items().ToList();
        var list = items.Select(Scalar).ToList();
        if (list.Count > 0 && (list.Any(s => s.Kind == MatchScalarKind.Bool) || list.Select(s => s.Kind).Distinct().Count() > 1))
        {
            throw node.InvalidValue("expected a list of strings or a list of integers");
        }

        return list;
    }

    private static bool IsDatetimeRange(JNode node) =>
        node.Kind == JsonValueKind.Object && node.Element.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.String);

    private static NumericRange ParseRange(JNode node)
    {
        node.Object("lt", "gt", "gte", "lte");
        return new NumericRange(node.Optional("lt")?.Double(), node.Optional("gt")?.Double(), node.Optional("gte")?.Double(), node.Optional("lte")?.Double());
    }

    private static DatetimeRange ParseDatetimeRange(JNode node)
    {
        node.Object("lt", "gt", "gte", "lte");
        return new DatetimeRange(Datetime(node.Optional("lt")), Datetime(node.Optional("gt")), Datetime(node.Optional("gte")), Datetime(node.Optional("lte")));
    }

    /// <summary>Parses a date-time the way Qdrant accepts them (RFC 3339, with or without zone; date only).</summary>
    public static DateTimeOffset? Datetime(JNode? node)
    {
        if (node is not { } n)
        {
            return null;
        }

        var text = n.String();
        return QdrantDateTime.TryParse(text, out var value) ? value : throw n.InvalidValue($"`{text}` is not a valid date-time (RFC 3339 expected)");
    }

    private static GeoPoint Point(JNode node)
    {
        node.Object("lon", "lat");
        var lon = node.Required("lon").Double();
        var lat = node.Required("lat").Double();
        if (lon is < -180 or > 180 || lat is < -90 or > 90)
        {
            throw node.InvalidValue($"Wrong input: lon should be in [-180, 180] and lat in [-90, 90], got lon {JNode.Num(lon)}, lat {JNode.Num(lat)}");
        }

        return new GeoPoint(lon, lat);
    }

    private static GeoBoundingBox ParseBox(JNode node)
    {
        node.Object("top_left", "bottom_right");
        return new GeoBoundingBox(Point(node.Required("top_left")), Point(node.Required("bottom_right")));
    }

    private static GeoRadius ParseRadius(JNode node)
    {
        node.Object("center", "radius");
        return new GeoRadius(Point(node.Required("center")), node.Required("radius").Double());
    }

    private static GeoPolygon ParsePolygon(JNode node)
    {
        node.Object("exterior", "interiors");
        var exterior = Ring(node.Required("exterior"));
        var interiors = node.Optional("interiors") is { } i ? i.Items().Select(Ring).ToList() : [];
        return new GeoPolygon(exterior, interiors);
    }

    private static GeoLineString Ring(JNode node)
    {
        node.Object("points");
        var points = node.Required("points").Items().Select(Point).ToList();
        if (points.Count < 4 || points[0] != points[^1])
        {
            throw node.InvalidValue("polygon ring must have at least 4 points and be closed (first point equals last)");
        }

        return new GeoLineString(points);
    }

    private static ValuesCount ParseValuesCount(JNode node)
    {
        node.Object("lt", "gt", "gte", "lte");
        return new ValuesCount(node.Optional("lt")?.UInt64(), node.Optional("gt")?.UInt64(), node.Optional("gte")?.UInt64(), node.Optional("lte")?.UInt64());
    }
}
