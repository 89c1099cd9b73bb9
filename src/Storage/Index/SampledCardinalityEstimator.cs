using Citadel.Storage.Filtering;
using Citadel.Storage.Segments;
using Citadel.Storage.Shards;

namespace Citadel.Storage.Index;

/// <summary>
/// Estimates filter cardinality without any payload index: counts exactly in small segments, otherwise evaluates the
/// filter on a fixed, evenly spread sample of offsets and bounds the true fraction with a Wilson interval (z = 3),
/// so the planner only trusts the guess where it is clear-cut. Deterministic: the same segment and filter always
/// give the same estimate.
/// </summary>
internal sealed class SampledCardinalityEstimator : ICardinalityEstimator
{
    /// <summary>Segments up to this many offsets are counted exactly.</summary>
    public const int ExactLimit = 2048;

    /// <summary>Offsets examined in larger segments.</summary>
    public const int SampleSize = 256;

    private const double Z = 3.0;

    public CardinalityEstimate Estimate(Segment segment, Filter filter)
    {
        ArgumentNullException.ThrowIfNull(segment);
        ArgumentNullException.ThrowIfNull(filter);
        var count = segment.Count;
        if (count <= ExactLimit)
        {
            long matches = 0;
            for (var o = 0; o < count; o++)
            {
                if (!segment.IsDeleted(o) && FilterEvaluator.Matches(filter, new SegmentPoint(segment, o)))
                {
                    matches++;
                }
            }

            return CardinalityEstimate.Exact(matches);
        }

        // One offset per equal slice (points are stored in insertion order, so old and new data are both covered),
        // at a fixed pseudo-random position inside the slice so that periodic data cannot alias with the stride.
        var stride = (double)count / SampleSize;
        var sampled = 0;
        var hits = 0;
        for (var i = 0; i < SampleSize; i++)
        {
            var o = Math.Min(count - 1, (int)((i + Jitter(i)) * stride));
            if (segment.IsDeleted(o))
            {
                continue;
            }

            sampled++;
            if (FilterEvaluator.Matches(filter, new SegmentPoint(segment, o)))
            {
                hits++;
            }
        }

        long live = segment.LiveCount;
        if (sampled == 0)
        {
            return new CardinalityEstimate(0, 0, live);
        }

        var p = (double)hits / sampled;
        var z2n = Z * Z / sampled;
        var centre = (p + (z2n / 2)) / (1 + z2n);
        var half = Z * Math.Sqrt((p * (1 - p) / sampled) + (z2n / (4 * sampled))) / (1 + z2n);
        return new CardinalityEstimate(
            (long)Math.Floor(Math.Max(0, centre - half) * live),
            (long)Math.Round(p * live),
            (long)Math.Ceiling(Math.Min(1, centre + half) * live));
    }

    /// <summary>A fixed value in [0, 1) per sample index (SplitMix64 finaliser), so estimates are reproducible.</summary>
    private static double Jitter(int i)
    {
        var z = (ulong)i + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }
}
