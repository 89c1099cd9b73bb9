using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Fusion;

/// <summary>
/// Distribution-based score fusion as Qdrant computes it: each source's scores are normalised to
/// <c>(s − (μ − 3σ)) / 6σ</c> (sample standard deviation, Welford's one-pass mean and variance; a lone point gets
/// 0.5, and so does every point when σ is 0), then summed per point. Scores are taken as reported, so for
/// distances a larger distance normalises higher, exactly as in Qdrant.
/// </summary>
internal static class Dbsf
{
    /// <summary>All points of all sources, best fused score first (ties by id).</summary>
    public static List<ScoredPoint> Fuse(IReadOnlyList<IReadOnlyList<ScoredPoint>> sources)
    {
        var fused = new Dictionary<PointId, ScoredPoint>();
        var order = new List<PointId>();
        foreach (var source in sources)
        {
            var normalised = Normalise(source);
            for (var i = 0; i < source.Count; i++)
            {
                var point = source[i];
                if (fused.TryGetValue(point.Id, out var seen))
                {
                    fused[point.Id] = seen with { Score = seen.Score + normalised[i] };
                }
                else
                {
                    fused[point.Id] = point with { Score = normalised[i] };
                    order.Add(point.Id);
                }
            }
        }

        return FusedOrder.Sort(order.Select(id => fused[id]));
    }

    /// <summary>The normalised scores of one source, in its order.</summary>
    public static float[] Normalise(IReadOnlyList<ScoredPoint> points)
    {
        var result = new float[points.Count];
        if (points.Count < 2)
        {
            Array.Fill(result, 0.5f);
            return result;
        }

        var mean = 0f;
        var aggregate = 0f;
        for (var i = 0; i < points.Count; i++)
        {
            var oldDelta = points[i].Score - mean;
            mean += oldDelta / (i + 1);
            var delta = points[i].Score - mean;
            aggregate += oldDelta * delta;
        }

        var variance = aggregate / (points.Count - 1f);
        var stdDev = MathF.Sqrt(variance);
        var min = mean - (3f * stdDev);
        var max = mean + (3f * stdDev);
        for (var i = 0; i < points.Count; i++)
        {
            // Qdrant guards exactly this division (all scores equal).
            result[i] = min == max ? 0.5f : (points[i].Score - min) / (max - min);
        }

        return result;
    }
}
