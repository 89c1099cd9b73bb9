using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>qdrant.Filter</c> and its conditions. Conditions without a chosen kind are dropped (Qdrant's
/// <c>conditions_helper_from_grpc</c>); everything else is checked the way Qdrant's converter and validator do.
/// </summary>
internal static class FilterConversions
{
    /// <summary>Nesting deeper than the REST adapter allows is refused the same way.</summary>
    private const int MaxDepth = Rest.Parsing.FilterParser.MaxDepth;

    public static Filter? ToDomainOrNull(G.Filter? filter) => filter is null ? null : ToDomain(filter);

    public static Filter ToDomain(G.Filter filter) => ToDomain(filter, 0);

    private static Filter ToDomain(G.Filter filter, int depth)
    {
        if (depth > MaxDepth)
        {
            throw GrpcInput.Invalid($"Filter nesting deeper than {MaxDepth} levels");
        }

        MinShould? minShould = null;
        if (filter.MinShould is { } ms)
        {
            minShould = new MinShould(Conditions(ms.Conditions, depth), (int)Math.Min(ms.MinCount, int.MaxValue));
        }

        return new Filter(Conditions(filter.Must, depth), Conditions(filter.Should, depth), Conditions(filter.MustNot, depth), minShould);
    }

    private static List<Condition> Conditions(IEnumerable<G.Condition> conditions, int depth)
    {
        var result = new List<Condition>();
        foreach (var c in conditions)
        {
            if (ToDomain(c, depth + 1) is { } condition)
            {
                result.Add(condition);
            }
        }

        return result;
    }

    private static Condition? ToDomain(G.Condition c, int depth) => c.ConditionOneOfCase switch
    {
        G.Condition.ConditionOneOfOneofCase.Field => Field(c.Field),
        G.Condition.ConditionOneOfOneofCase.IsEmpty => new IsEmptyCondition(JsonPath.Parse(c.IsEmpty.Key)),
        G.Condition.ConditionOneOfOneofCase.IsNull => new IsNullCondition(JsonPath.Parse(c.IsNull.Key)),
        G.Condition.ConditionOneOfOneofCase.HasId => new HasIdCondition(PointIdConversions.ToDomain(c.HasId.HasId).ToHashSet()),
        G.Condition.ConditionOneOfOneofCase.HasVector => new HasVectorCondition(c.HasVector.HasVector),
        G.Condition.ConditionOneOfOneofCase.Filter => new FilterCondition(ToDomain(c.Filter, depth + 1)),
        G.Condition.ConditionOneOfOneofCase.Nested => new NestedCondition(
            JsonPath.Parse(c.Nested.Key),
            ToDomain(GrpcInput.Require(c.Nested.Filter, "Nested condition must have a filter"), depth + 1)),
        G.Condition.ConditionOneOfOneofCase.Slice => Slice(c.Slice),
        _ => null,
    };

    private static SliceCondition Slice(G.SliceCondition s)
    {
        if (s.Total == 0)
        {
            throw GrpcInput.Validation("slice.total", "must be greater than 0");
        }

        return s.Index < s.Total ? new SliceCondition(s.Total, s.Index) : throw GrpcInput.Validation("slice.index", "must be less than the total number of slices");
    }

    private static FieldCondition Field(G.FieldCondition f)
    {
        var condition = new FieldCondition(JsonPath.Parse(f.Key))
        {
            Match = f.Match is { } m ? Match(m) : null,
            // Qdrant reads datetime_range only when range is absent: both travel as one RangeInterface.
            Range = f.Range is { } r ? new NumericRange(r.HasLt ? r.Lt : null, r.HasGt ? r.Gt : null, r.HasGte ? r.Gte : null, r.HasLte ? r.Lte : null) : null,
            DatetimeRange = f.Range is null && f.DatetimeRange is { } dr ? Datetimes(dr) : null,
            GeoBoundingBox = f.GeoBoundingBox is { } bb ? Box(bb) : null,
            GeoRadius = f.GeoRadius is { } gr ? Radius(gr) : null,
            GeoPolygon = f.GeoPolygon is { } gp ? Polygon(gp) : null,
            ValuesCount = f.ValuesCount is { } vc ? new ValuesCount(vc.HasLt ? vc.Lt : null, vc.HasGt ? vc.Gt : null, vc.HasGte ? vc.Gte : null, vc.HasLte ? vc.Lte : null) : null,
            IsEmpty = f.HasIsEmpty ? f.IsEmpty : null,
            IsNull = f.HasIsNull ? f.IsNull : null,
        };

        if (condition is { Match: null, Range: null, DatetimeRange: null, GeoBoundingBox: null, GeoRadius: null, GeoPolygon: null, ValuesCount: null, IsEmpty: null, IsNull: null })
        {
            throw GrpcInput.Validation("match", "At least one field condition must be specified");
        }

        return condition;
    }

    private static Match Match(G.Match m) => m.MatchValueCase switch
    {
        G.Match.MatchValueOneofCase.Keyword => new MatchValue(MatchScalar.Of(m.Keyword)),
        G.Match.MatchValueOneofCase.Integer => new MatchValue(MatchScalar.Of(m.Integer)),
        G.Match.MatchValueOneofCase.Boolean => new MatchValue(MatchScalar.Of(m.Boolean)),
        G.Match.MatchValueOneofCase.Text => new MatchText(m.Text),
        G.Match.MatchValueOneofCase.Phrase => new MatchPhrase(m.Phrase),
        G.Match.MatchValueOneofCase.TextAny => new MatchTextAny(m.TextAny),
        G.Match.MatchValueOneofCase.Prefix => new MatchPrefix(m.Prefix),
        G.Match.MatchValueOneofCase.Keywords => new MatchAny(m.Keywords.Strings.Select(MatchScalar.Of).ToList()),
        G.Match.MatchValueOneofCase.Integers => new MatchAny(m.Integers.Integers.Select(MatchScalar.Of).ToList()),
        G.Match.MatchValueOneofCase.ExceptKeywords => new MatchExcept(m.ExceptKeywords.Strings.Select(MatchScalar.Of).ToList()),
        G.Match.MatchValueOneofCase.ExceptIntegers => new MatchExcept(m.ExceptIntegers.Integers.Select(MatchScalar.Of).ToList()),
        _ => throw GrpcInput.Invalid("Malformed Match condition"),
    };

    private static DatetimeRange Datetimes(G.DatetimeRange r) =>
        new(Timestamps.ToDomain(r.Lt), Timestamps.ToDomain(r.Gt), Timestamps.ToDomain(r.Gte), Timestamps.ToDomain(r.Lte));

    private static GeoBoundingBox Box(G.GeoBoundingBox b) => b is { TopLeft: { } tl, BottomRight: { } br }
        ? new GeoBoundingBox(Point(tl), Point(br))
        : throw GrpcInput.Invalid("Malformed GeoBoundingBox type");

    private static GeoRadius Radius(G.GeoRadius r) => r.Center is { } c
        ? new GeoRadius(Point(c), r.Radius)
        : throw GrpcInput.Invalid("Malformed GeoRadius type");

    private static GeoPolygon Polygon(G.GeoPolygon p)
    {
        var exterior = p.Exterior ?? throw GrpcInput.Invalid("Malformed GeoPolygon type - field `exterior` is required");
        return new GeoPolygon(Ring(exterior, "geo_polygon.exterior"), p.Interiors.Select(i => Ring(i, "geo_polygon.interiors")).ToList());
    }

    private static GeoLineString Ring(G.GeoLineString line, string field)
    {
        var points = line.Points.Select(Point).ToList();
        if (points.Count < 4)
        {
            throw GrpcInput.Validation(field, $"a ring needs at least 4 points, got {points.Count}");
        }

        return points[0] == points[^1] ? new GeoLineString(points) : throw GrpcInput.Validation(field, "a ring must be closed (first point equals last)");
    }

    private static GeoPoint Point(G.GeoPoint p)
    {
        // Written so that NaN fails too.
        if (!(p.Lon >= -180 && p.Lon <= 180 && p.Lat >= -90 && p.Lat <= 90))
        {
            throw GrpcInput.Validation("geo", $"lon should be in [-180, 180] and lat in [-90, 90], got lon {p.Lon}, lat {p.Lat}");
        }

        return new GeoPoint(p.Lon, p.Lat);
    }
}
