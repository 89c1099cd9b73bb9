using System.Numerics;

namespace Citadel.Storage.Filtering;

/// <summary>
/// Qdrant's geo tests (<c>GeoBoundingBox</c>, <c>GeoRadius</c>, <c>PolygonWrapper::check_point</c> in
/// <c>lib/segment/src/types.rs</c>), which rely on the <c>geo</c> crate for distance and containment.
/// </summary>
public static class GeoMath
{
    /// <summary>The <c>geo</c> crate's <c>Haversine</c> sphere: the GRS80 mean radius, in metres.</summary>
    public const double EarthRadiusMeters = 6_371_008.8;

    private const double DegreesToRadians = Math.PI / 180.0;

    // Shewchuk's epsilon, 2^-53, and his error bound for the fast orientation determinant.
    private const double MachineEpsilon = 1.1102230246251565E-16;
    private const double OrientErrorBound = (3.0 + (16.0 * MachineEpsilon)) * MachineEpsilon;

    /// <summary>Great-circle distance in metres by the haversine formula, computed as the <c>geo</c> crate does.</summary>
    public static double HaversineMeters(GeoPoint from, GeoPoint to)
    {
        var theta1 = from.Lat * DegreesToRadians;
        var theta2 = to.Lat * DegreesToRadians;
        var deltaTheta = (to.Lat - from.Lat) * DegreesToRadians;
        var deltaLambda = (to.Lon - from.Lon) * DegreesToRadians;
        var sinTheta = Math.Sin(deltaTheta / 2);
        var sinLambda = Math.Sin(deltaLambda / 2);
        var a = (sinTheta * sinTheta) + (Math.Cos(theta1) * Math.Cos(theta2) * sinLambda * sinLambda);
        return EarthRadiusMeters * 2 * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Strictly closer than the radius to the centre.</summary>
    public static bool Contains(GeoRadius radius, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(radius);
        return HaversineMeters(radius.Center, point) < radius.RadiusMeters;
    }

    /// <summary>
    /// Strictly inside the box (edges excluded). A box whose left edge lies east of its right edge crosses the
    /// antimeridian and takes the longitudes outside that gap.
    /// </summary>
    public static bool Contains(GeoBoundingBox box, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(box);
        var longitude = box.TopLeft.Lon > box.BottomRight.Lon
            ? point.Lon > box.TopLeft.Lon || point.Lon < box.BottomRight.Lon
            : box.TopLeft.Lon < point.Lon && point.Lon < box.BottomRight.Lon;
        return longitude && box.BottomRight.Lat < point.Lat && point.Lat < box.TopLeft.Lat;
    }

    /// <summary>
    /// Inside the exterior ring and outside every hole, in planar lon/lat coordinates. Points on any ring,
    /// exterior or hole, are not contained (the <c>geo</c> crate's <c>Contains</c>).
    /// </summary>
    public static bool Contains(GeoPolygon polygon, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(polygon);
        if (PositionInRing(point, polygon.Exterior.Points) != RingPosition.Inside)
        {
            return false;
        }

        foreach (var hole in polygon.Interiors)
        {
            if (PositionInRing(point, hole.Points) != RingPosition.Outside)
            {
                return false;
            }
        }

        return true;
    }

    // Winding number with an on-boundary short-circuit, as geo's `coord_pos_relative_to_ring`. An open ring is
    // closed implicitly, like `geo::Polygon::new` does.
    private static RingPosition PositionInRing(GeoPoint p, IReadOnlyList<GeoPoint> ring)
    {
        var n = ring.Count;
        if (n == 0)
        {
            return RingPosition.Outside;
        }

        if (n == 1)
        {
            return ring[0].Lon == p.Lon && ring[0].Lat == p.Lat ? RingPosition.OnBoundary : RingPosition.Outside;
        }

        var closed = ring[0] == ring[n - 1];
        var edges = closed ? n - 1 : n;
        var winding = 0;
        for (var i = 0; i < edges; i++)
        {
            var start = ring[i];
            var end = ring[(i + 1) % n];
            if (start.Lat <= p.Lat)
            {
                if (end.Lat >= p.Lat)
                {
                    var o = Orient(start, end, p);
                    if (o > 0 && end.Lat != p.Lat)
                    {
                        winding++;
                    }
                    else if (o == 0 && Between(p.Lon, start.Lon, end.Lon))
                    {
                        return RingPosition.OnBoundary;
                    }
                }
            }
            else if (end.Lat <= p.Lat)
            {
                var o = Orient(start, end, p);
                if (o < 0)
                {
                    winding--;
                }
                else if (o == 0 && Between(p.Lon, start.Lon, end.Lon))
                {
                    return RingPosition.OnBoundary;
                }
            }
        }

        return winding == 0 ? RingPosition.Outside : RingPosition.Inside;
    }

    private static bool Between(double x, double a, double b) => a <= b ? a <= x && x <= b : b <= x && x <= a;

    /// <summary>
    /// Sign of the turn a → b → c: positive counter-clockwise, negative clockwise, zero collinear. Exact, like the
    /// robust predicate geo uses: the floating-point determinant decides when it clears Shewchuk's error bound,
    /// otherwise the determinant is recomputed in exact integer arithmetic.
    /// </summary>
    internal static int Orient(GeoPoint a, GeoPoint b, GeoPoint c)
    {
        var detLeft = (a.Lon - c.Lon) * (b.Lat - c.Lat);
        var detRight = (a.Lat - c.Lat) * (b.Lon - c.Lon);
        var det = detLeft - detRight;
        var errorBound = OrientErrorBound * (Math.Abs(detLeft) + Math.Abs(detRight));
        if (Math.Abs(det) > errorBound && double.IsFinite(det))
        {
            return Math.Sign(det);
        }

        return ExactOrient(a, b, c);
    }

    private static int ExactOrient(GeoPoint a, GeoPoint b, GeoPoint c)
    {
        Span<double> values = [a.Lon, a.Lat, b.Lon, b.Lat, c.Lon, c.Lat];
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return 0;
            }
        }

        // Every finite double is m * 2^e; scale all six to the smallest exponent so they become integers.
        Span<long> mantissas = stackalloc long[6];
        Span<int> exponents = stackalloc int[6];
        var minExponent = int.MaxValue;
        for (var i = 0; i < 6; i++)
        {
            Decompose(values[i], out mantissas[i], out exponents[i]);
            if (mantissas[i] != 0)
            {
                minExponent = Math.Min(minExponent, exponents[i]);
            }
        }

        if (minExponent == int.MaxValue)
        {
            return 0;
        }

        var scaled = new BigInteger[6];
        for (var i = 0; i < 6; i++)
        {
            scaled[i] = mantissas[i] == 0 ? BigInteger.Zero : new BigInteger(mantissas[i]) << (exponents[i] - minExponent);
        }

        var det = ((scaled[0] - scaled[4]) * (scaled[3] - scaled[5])) - ((scaled[1] - scaled[5]) * (scaled[2] - scaled[4]));
        return det.Sign;
    }

    private static void Decompose(double value, out long mantissa, out int exponent)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var rawExponent = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        if (rawExponent == 0)
        {
            exponent = -1074;
        }
        else
        {
            fraction |= 1L << 52;
            exponent = rawExponent - 1075;
        }

        mantissa = negative ? -fraction : fraction;
    }

    private enum RingPosition
    {
        Inside,
        OnBoundary,
        Outside,
    }
}
