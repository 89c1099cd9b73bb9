namespace Citadel.Storage.Filtering;

/// <summary>A WGS84 coordinate.</summary>
public readonly record struct GeoPoint(double Lon, double Lat);

/// <summary>A rectangle given by its top-left and bottom-right corners (may cross the antimeridian).</summary>
public sealed record GeoBoundingBox(GeoPoint TopLeft, GeoPoint BottomRight);

/// <summary>A circle of <see cref="RadiusMeters"/> around <see cref="Center"/>.</summary>
public sealed record GeoRadius(GeoPoint Center, double RadiusMeters);

/// <summary>A closed ring of points (first equals last).</summary>
public sealed record GeoLineString(IReadOnlyList<GeoPoint> Points);

/// <summary>A polygon: inside <see cref="Exterior"/> and outside every ring of <see cref="Interiors"/>.</summary>
public sealed record GeoPolygon(GeoLineString Exterior, IReadOnlyList<GeoLineString> Interiors);
