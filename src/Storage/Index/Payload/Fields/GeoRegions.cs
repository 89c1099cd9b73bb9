using Citadel.Storage.Filtering;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Longitude/latitude rectangles that contain every point a geo test can accept, for <see cref="GeoCells.Cover"/>.
/// Null means "could be anywhere" (inputs the bounds cannot reason about, such as non-finite numbers).
/// </summary>
internal static class GeoRegions
{
    // Slack for floating-point error in the evaluator's own arithmetic, in degrees (about a metre).
    private const double Margin = 1e-5;

    /// <summary>The box's interior: one rectangle, or two when it crosses the antimeridian.</summary>
    public static List<(double LonMin, double LonMax, double LatMin, double LatMax)>? Of(GeoBoundingBox box)
    {
        double left = box.TopLeft.Lon, right = box.BottomRight.Lon, top = box.TopLeft.Lat, bottom = box.BottomRight.Lat;
        if (!AllFinite(left, right, top, bottom))
        {
            return null;
        }

        return left > right
            ? [(left, 180, bottom, top), (-180, right, bottom, top)]
            : [(left, right, bottom, top)];
    }

    /// <summary>The bounding rectangle of the polygon's outer ring (containment is planar in lon/lat).</summary>
    public static List<(double LonMin, double LonMax, double LatMin, double LatMax)>? Of(GeoPolygon polygon)
    {
        var ring = polygon.Exterior.Points;
        if (ring.Count == 0)
        {
            return [];
        }

        double lonMin = double.MaxValue, lonMax = double.MinValue, latMin = double.MaxValue, latMax = double.MinValue;
        foreach (var p in ring)
        {
            if (!AllFinite(p.Lon, p.Lat))
            {
                return null;
            }

            lonMin = Math.Min(lonMin, p.Lon);
            lonMax = Math.Max(lonMax, p.Lon);
            latMin = Math.Min(latMin, p.Lat);
            latMax = Math.Max(latMax, p.Lat);
        }

        return [(lonMin, lonMax, latMin, latMax)];
    }

    /// <summary>
    /// The spherical cap's bounding rectangle: the haversine distance is at least the latitude difference, and away
    /// from the poles the longitude reach is asin(sin d / cos φ); a cap over a pole spans every longitude.
    /// </summary>
    public static List<(double LonMin, double LonMax, double LatMin, double LatMax)>? Of(GeoRadius radius)
    {
        var (lon, lat, meters) = (radius.Center.Lon, radius.Center.Lat, radius.RadiusMeters);
        if (!AllFinite(lon, lat, meters) || lat is < -90 or > 90)
        {
            return null;
        }

        if (meters <= 0)
        {
            return [];
        }

        var d = meters / GeoMath.EarthRadiusMeters;
        if (d >= Math.PI)
        {
            return [(-180, 180, -90, 90)];
        }

        var reach = double.RadiansToDegrees(d) + Margin;
        double latMin = lat - reach, latMax = lat + reach;
        var sinRatio = Math.Sin(d) / Math.Cos(double.DegreesToRadians(lat));
        if (latMax >= 90 || latMin <= -90 || !(sinRatio < 1))
        {
            return [(-180, 180, latMin, latMax)];
        }

        // The evaluator's trigonometry is periodic in longitude, so the centre may be given outside [-180, 180].
        var center = ((((lon + 180) % 360) + 360) % 360) - 180;
        var lonReach = double.RadiansToDegrees(Math.Asin(sinRatio)) + Margin;
        double west = center - lonReach, east = center + lonReach;
        var regions = new List<(double, double, double, double)> { (Math.Max(west, -180), Math.Min(east, 180), latMin, latMax) };
        if (west < -180)
        {
            regions.Add((west + 360, 180, latMin, latMax));
        }

        if (east > 180)
        {
            regions.Add((-180, east - 360, latMin, latMax));
        }

        return regions;
    }

    private static bool AllFinite(params ReadOnlySpan<double> values)
    {
        foreach (var v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }
}
