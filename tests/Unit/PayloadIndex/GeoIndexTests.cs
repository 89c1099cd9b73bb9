using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using static Citadel.Tests.Unit.PayloadIndex.Conditions;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>The geo grid: candidates cover every point the evaluator accepts, including the antimeridian and points off the grid.</summary>
public sealed class GeoIndexTests
{
    private static readonly PayloadSchema Schema = SegmentIndexKit.SchemaOf(("g", SegmentIndexKit.Type(PayloadSchemaType.Geo)));

    [Fact]
    public void RandomCirclesBoxesAndPolygons_MatchBruteForceOverDensePoints()
    {
        var random = new Random(5);
        var payloads = Enumerable.Range(0, 3000)
            .Select(_ => SegmentIndexKit.Json("{\"g\": {\"lon\": " + Fmt((random.NextDouble() * 360) - 180) + ", \"lat\": " + Fmt((random.NextDouble() * 180) - 90) + "}}"))
            .ToList();
        var kit = SegmentIndexKit.Sealed(Schema, payloads);
        for (var round = 0; round < 300; round++)
        {
            var center = new GeoPoint((random.NextDouble() * 360) - 180, (random.NextDouble() * 178) - 89);
            Condition condition = (round % 3) switch
            {
                0 => Field("g") with { GeoRadius = new GeoRadius(center, random.NextDouble() * 3_000_000) },
                1 => Field("g") with { GeoBoundingBox = new GeoBoundingBox(new GeoPoint(center.Lon, center.Lat + 10), new GeoPoint(center.Lon + (random.NextDouble() * 40) - 10, center.Lat - 5)) },
                _ => Field("g") with { GeoPolygon = new GeoPolygon(new GeoLineString([center, new(center.Lon + 20, center.Lat), new(center.Lon, center.Lat + 15), center]), []) },
            };
            var filter = Must(condition);
            Assert.Equal(kit.BruteForce(filter), kit.Indexed(filter));
        }
    }

    [Fact]
    public void CircleAcrossTheAntimeridian_FindsPointsOnBothSides()
    {
        var kit = SegmentIndexKit.Sealed(Schema, [
            SegmentIndexKit.Json("""{"g": {"lon": 179.9, "lat": 0}}"""),
            SegmentIndexKit.Json("""{"g": {"lon": -179.9, "lat": 0}}"""),
            SegmentIndexKit.Json("""{"g": {"lon": 0, "lat": 0}}"""),
            SegmentIndexKit.Json("""{"g": {"lon": 540, "lat": 0}}"""),
        ]);

        var filter = Must(Field("g") with { GeoRadius = new GeoRadius(new GeoPoint(180, 0), 50_000) });
        Assert.Equal(kit.BruteForce(filter), kit.Indexed(filter));
        Assert.Contains(1UL, kit.Indexed(filter));
        Assert.Contains(2UL, kit.Indexed(filter));
        Assert.True(kit.Narrowed(filter));
    }

    private static string Fmt(double v) => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
}
