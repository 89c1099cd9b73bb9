using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class GeoTests
{
    private static string At(double lon, double lat) =>
        FormattableString.Invariant($$$"""{"loc": {"lon": {{{lon:R}}}, "lat": {{{lat:R}}}}}""");

    private static FieldCondition Box(double left, double top, double right, double bottom) =>
        Field("loc") with { GeoBoundingBox = new GeoBoundingBox(new GeoPoint(left, top), new GeoPoint(right, bottom)) };

    [Theory]
    [InlineData(13.4, 52.5, true)]
    [InlineData(37.6, 55.7, false)]
    [InlineData(13.08835, 52.5, false)]
    [InlineData(13.4, 52.67551, false)]
    public void BoundingBox_ContainsPointsStrictlyInside(double lon, double lat, bool expected)
    {
        var berlin = Box(13.08835, 52.67551, 13.76116, 52.33826);

        Assert.Equal(expected, Matches(berlin, At(lon, lat)));
    }

    [Theory]
    [InlineData(175, 0, true)]
    [InlineData(-175, 5, true)]
    [InlineData(180, 0, true)]
    [InlineData(-180, 0, true)]
    [InlineData(0, 0, false)]
    [InlineData(170, 0, false)]
    [InlineData(-170, 0, false)]
    [InlineData(175, 10, false)]
    [InlineData(175, -11, false)]
    public void BoundingBox_CrossingTheAntimeridian_WrapsAround(double lon, double lat, bool expected)
    {
        var pacific = Box(170, 10, -170, -10);

        Assert.Equal(expected, Matches(pacific, At(lon, lat)));
    }

    [Fact]
    public void Haversine_MatchesTheGeoCrate()
    {
        var sofia = new GeoPoint(23.319941, 42.698334);
        var plovdiv = new GeoPoint(24.742168, 42.136097);

        Assert.Equal(132433.09929460194, GeoMath.HaversineMeters(sofia, plovdiv), 1e-6);
        Assert.Equal(5_570_230, Math.Round(GeoMath.HaversineMeters(new GeoPoint(-74.006, 40.7128), new GeoPoint(-0.1278, 51.5074))));
    }

    [Fact]
    public void Radius_MatchesPointsInAnArrayOfLocations()
    {
        const string berlinAndMoscow = """
            {"loc": [{"lat": 52.52197645, "lon": 13.413637435864272}, {"lat": 55.7536283, "lon": 37.62137960067377}]}
            """;
        var nearBerlin = Field("loc") with { GeoRadius = new GeoRadius(new GeoPoint(13.413637, 52.521976), 2000) };
        var nowhere = Field("loc") with { GeoRadius = new GeoRadius(new GeoPoint(20.423637, 52.511), 2000) };

        Assert.True(Matches(nearBerlin, berlinAndMoscow));
        Assert.False(Matches(nowhere, berlinAndMoscow));
    }

    [Fact]
    public void Radius_NearTheBoundary_ExcludesTheCircle()
    {
        var center = new GeoPoint(2.3522, 48.8566);
        var point = new GeoPoint(2.2945, 48.8584);
        var distance = GeoMath.HaversineMeters(center, point);

        Assert.False(Matches(Field("loc") with { GeoRadius = new GeoRadius(center, distance) }, At(point.Lon, point.Lat)));
        Assert.True(Matches(Field("loc") with { GeoRadius = new GeoRadius(center, Math.BitIncrement(distance)) }, At(point.Lon, point.Lat)));
        Assert.True(Matches(Field("loc") with { GeoRadius = new GeoRadius(center, distance + 0.5) }, At(point.Lon, point.Lat)));
        Assert.False(Matches(Field("loc") with { GeoRadius = new GeoRadius(center, distance - 0.5) }, At(point.Lon, point.Lat)));
    }

    private static readonly GeoPolygon SquareWithHole = new(
        Ring((0, 0), (10, 0), (10, 10), (0, 10), (0, 0)),
        [Ring((4, 4), (6, 4), (6, 6), (4, 6), (4, 4))]);

    private static GeoLineString Ring(params (double Lon, double Lat)[] points) =>
        new([.. points.Select(p => new GeoPoint(p.Lon, p.Lat))]);

    [Theory]
    [InlineData(2, 2, true)]
    [InlineData(9.999, 0.001, true)]
    [InlineData(5, 5, false)]
    [InlineData(4.5, 5.5, false)]
    [InlineData(3.999, 5, true)]
    [InlineData(0, 5, false)]
    [InlineData(10, 10, false)]
    [InlineData(4, 5, false)]
    [InlineData(6, 6, false)]
    [InlineData(11, 5, false)]
    [InlineData(-0.001, 5, false)]
    public void Polygon_InsideExteriorAndOutsideHoles_BoundariesExcluded(double lon, double lat, bool expected)
    {
        Assert.Equal(expected, Matches(Field("loc") with { GeoPolygon = SquareWithHole }, At(lon, lat)));
        Assert.Equal(expected, GeoMath.Contains(SquareWithHole, new GeoPoint(lon, lat)));
    }

    [Fact]
    public void Polygon_Concave_UsesWindingNumber()
    {
        // A "C" shape: the notch between x 2..10, y 4..6 is outside.
        var c = new GeoPolygon(Ring((0, 0), (10, 0), (10, 4), (2, 4), (2, 6), (10, 6), (10, 10), (0, 10), (0, 0)), []);

        Assert.True(GeoMath.Contains(c, new GeoPoint(1, 5)));
        Assert.False(GeoMath.Contains(c, new GeoPoint(5, 5)));
        Assert.True(GeoMath.Contains(c, new GeoPoint(5, 2)));
        Assert.False(GeoMath.Contains(c, new GeoPoint(5, 4)));
    }

    [Fact]
    public void Polygon_PointOnSlantedEdge_IsOnTheBoundary()
    {
        var triangle = new GeoPolygon(Ring((0, 0), (4, 2), (0, 4), (0, 0)), []);

        Assert.False(GeoMath.Contains(triangle, new GeoPoint(2, 1)));
        Assert.True(GeoMath.Contains(triangle, new GeoPoint(2, 1.5)));
        Assert.False(GeoMath.Contains(triangle, new GeoPoint(2, 0.5)));
    }

    [Fact]
    public void Orient_IsExactForTinyOffsets()
    {
        Assert.Equal(0, GeoMath.Orient(new GeoPoint(0, 0), new GeoPoint(1, 1), new GeoPoint(0.5, 0.5)));
        Assert.Equal(1, GeoMath.Orient(new GeoPoint(0, 0), new GeoPoint(1, 0), new GeoPoint(0.5, 1e-300)));
        Assert.Equal(-1, GeoMath.Orient(new GeoPoint(0, 0), new GeoPoint(1, 0), new GeoPoint(0.5, -1e-300)));
        Assert.Equal(1, GeoMath.Orient(new GeoPoint(179.99999999999997, 1), new GeoPoint(180, 1), new GeoPoint(179.99999999999997, 1.0000000000000002)));
    }

    [Theory]
    [InlineData("""{"loc": {"lon": "2", "lat": 2}}""")]
    [InlineData("""{"loc": {"lon": 2}}""")]
    [InlineData("""{"loc": [2, 2]}""")]
    [InlineData("""{"loc": null}""")]
    [InlineData("""{}""")]
    public void Geo_IgnoresValuesThatAreNotGeoPoints(string payload)
    {
        Assert.False(Matches(Field("loc") with { GeoPolygon = SquareWithHole }, payload));
        Assert.False(Matches(Box(0, 10, 10, 0), payload));
    }

    [Fact]
    public void Geo_ThroughArrayOfObjects_MatchesAnyLocation()
    {
        const string payload = """{"shops": [{"loc": {"lon": 50, "lat": 50}}, {"loc": {"lon": 2, "lat": 2, "name": "x"}}]}""";

        Assert.True(Matches(Field("shops[].loc") with { GeoPolygon = SquareWithHole }, payload));
    }
}
