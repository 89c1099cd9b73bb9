using Citadel.Common.Errors;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Storage.Query.Fusion;

/// <summary>
/// Reciprocal rank fusion as Qdrant computes it: only positions count. The point at position <c>p</c> (from 0) of a
/// source with weight <c>w</c> earns <c>1 / ((p + 1) / w + k − 1)</c>, which is <c>1 / (p + k)</c> for weight 1; a
/// weight of 0 or less earns nothing. Earnings are summed per point.
/// </summary>
internal static class Rrf
{
    /// <summary>All points of all sources, best fused score first (ties by id).</summary>
    public static List<ScoredPoint> Fuse(IReadOnlyList<IReadOnlyList<ScoredPoint>> sources, int k, IReadOnlyList<float>? weights)
    {
        if (weights is not null && weights.Count != sources.Count)
        {
            throw CitadelException.BadInput($"Number of weights in RRF should match number of pre-fetches: got {weights.Count}, expected {sources.Count}");
        }

        var fused = new Dictionary<PointId, ScoredPoint>();
        var order = new List<PointId>();
        for (var s = 0; s < sources.Count; s++)
        {
            var weight = weights?[s] ?? 1f;
            var source = sources[s];
            for (var position = 0; position < source.Count; position++)
            {
                var point = source[position];
                var earned = PositionScore(position, k, weight);
                if (fused.TryGetValue(point.Id, out var seen))
                {
                    fused[point.Id] = seen with { Score = seen.Score + earned };
                }
                else
                {
                    fused[point.Id] = point with { Score = earned };
                    order.Add(point.Id);
                }
            }
        }

        return FusedOrder.Sort(order.Select(id => fused[id]));
    }

    /// <summary>Qdrant's <c>position_score</c>, in single precision like the original.</summary>
    public static float PositionScore(int position, int k, float weight) =>
        weight <= 0f ? 0f : 1f / (((position + 1) / weight) + k - 1f);
}
