using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Geo points by Z-order key (<see cref="GeoCells"/>): a bounding box, radius or polygon reads the key ranges of the
/// grid cells covering it. Values the evaluator accepts as points but the grid cannot place (longitude beyond ±180, a
/// latitude beyond ±90) share one key that every geo test includes, so candidates stay a superset.
/// </summary>
internal sealed class GeoFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<ulong>(field, Comparer<ulong>.Default, EqualityComparer<ulong>.Default)
{
    protected override void Extract(JsonElement value, List<ulong> keys)
    {
        // The evaluator's reading of a point: an object with numeric "lon" and "lat".
        if (value.ValueKind == JsonValueKind.Object &&
            value.TryGetProperty("lon"u8, out var lon) && lon.ValueKind == JsonValueKind.Number && lon.TryGetDouble(out var x) &&
            value.TryGetProperty("lat"u8, out var lat) && lat.ValueKind == JsonValueKind.Number && lat.TryGetDouble(out var y))
        {
            keys.Add(GeoCells.Key(x, y));
        }
    }

    protected override bool AddGeo(FieldCondition condition, CandidateSet into)
    {
        var regions = new List<(double LonMin, double LonMax, double LatMin, double LatMax)>();
        foreach (var part in (ReadOnlySpan<List<(double, double, double, double)>?>)[
            condition.GeoBoundingBox is { } box ? GeoRegions.Of(box) : [],
            condition.GeoRadius is { } radius ? GeoRegions.Of(radius) : [],
            condition.GeoPolygon is { } polygon ? GeoRegions.Of(polygon) : []])
        {
            if (part is null)
            {
                return false;
            }

            regions.AddRange(part);
        }

        foreach (var (lonMin, lonMax, latMin, latMax) in regions)
        {
            foreach (var (from, to) in GeoCells.Cover(lonMin, lonMax, latMin, latMax))
            {
                Store.AddRange(new KeyRange<ulong>(k => k >= from, k => k <= to), into);
            }
        }

        Store.AddKey(GeoCells.Unplaced, into);
        return true;
    }
}
