using System.Runtime.Intrinsics.X86;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// A Z-order grid over the globe. A point's key interleaves 31 bits of longitude and 31 bits of latitude (about 2 cm
/// per step), so every grid cell at every coarser level is one contiguous run of keys. A region is covered by at most
/// <see cref="MaxCells"/> cells of the finest level that still fits, and each cell becomes one key range: the points in
/// those ranges are a superset of the points in the region.
/// </summary>
internal static class GeoCells
{
    /// <summary>The key of points the grid cannot place (out of range or not finite): always a candidate.</summary>
    public const ulong Unplaced = ulong.MaxValue;

    private const int Bits = 31;
    private const int MaxCells = 64;

    /// <summary>A point's key, or <see cref="Unplaced"/>.</summary>
    public static ulong Key(double lon, double lat) =>
        double.IsFinite(lon) && double.IsFinite(lat) && lon is >= -180 and <= 180 && lat is >= -90 and <= 90
            ? Interleave(Quantize(lon, -180, 360), Quantize(lat, -90, 180))
            : Unplaced;

    /// <summary>Key ranges (inclusive) covering the rectangle, clamped to the globe; empty when it is empty.</summary>
    public static List<(ulong From, ulong To)> Cover(double lonMin, double lonMax, double latMin, double latMax)
    {
        var ranges = new List<(ulong From, ulong To)>();
        lonMin = Math.Max(lonMin, -180);
        lonMax = Math.Min(lonMax, 180);
        latMin = Math.Max(latMin, -90);
        latMax = Math.Min(latMax, 90);
        if (!(lonMin <= lonMax && latMin <= latMax))
        {
            return ranges;
        }

        uint x0 = Quantize(lonMin, -180, 360), x1 = Quantize(lonMax, -180, 360);
        uint y0 = Quantize(latMin, -90, 180), y1 = Quantize(latMax, -90, 180);
        var shift = 0;
        while (shift < Bits && (long)((x1 >> shift) - (x0 >> shift) + 1) * ((y1 >> shift) - (y0 >> shift) + 1) > MaxCells)
        {
            shift++;
        }

        for (var cx = x0 >> shift; cx <= x1 >> shift; cx++)
        {
            for (var cy = y0 >> shift; cy <= y1 >> shift; cy++)
            {
                var from = Interleave(cx, cy) << (2 * shift);
                ranges.Add((from, from + ((1UL << (2 * shift)) - 1)));
            }
        }

        ranges.Sort();
        return Coalesce(ranges);
    }

    private static List<(ulong From, ulong To)> Coalesce(List<(ulong From, ulong To)> sorted)
    {
        var merged = new List<(ulong From, ulong To)>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && merged[^1].To + 1 >= r.From)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, r.To));
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static uint Quantize(double value, double min, double span)
    {
        var q = Math.Floor((value - min) / span * (1L << Bits));
        return (uint)Math.Clamp(q, 0, (1L << Bits) - 1);
    }

    private static ulong Interleave(uint x, uint y) =>
        Bmi2.X64.IsSupported
            ? Bmi2.X64.ParallelBitDeposit(x, 0x5555555555555555UL) | Bmi2.X64.ParallelBitDeposit(y, 0xAAAAAAAAAAAAAAAAUL)
            : Spread(x) | (Spread(y) << 1);

    private static ulong Spread(uint v)
    {
        ulong x = v;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & 0x5555555555555555UL;
        return x;
    }
}
