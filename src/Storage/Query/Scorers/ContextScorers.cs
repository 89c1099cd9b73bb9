using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Scorers;

/// <summary>A context pair as preprocessed vectors.</summary>
internal sealed record VectorPair(float[] Positive, float[] Negative);

/// <summary>
/// <c>discover</c>: the integer part counts context pairs the point is on the positive side of (+1) or the
/// negative side of (−1, 0 on a tie); the fraction is the raw similarity to the target squashed into (0, 1).
/// </summary>
internal sealed class DiscoverScorer(Distance distance, float[] target, IReadOnlyList<VectorPair> pairs) : IVectorScorer
{
    public bool HigherIsBetter => true;

    public float Score(ReadOnlySpan<float> stored)
    {
        var rank = 0;
        foreach (var pair in pairs)
        {
            rank += Sigmoid.TotalCompare(RawSimilarity.Of(distance, pair.Positive, stored), RawSimilarity.Of(distance, pair.Negative, stored));
        }

        return rank + Sigmoid.Scaled(RawSimilarity.Of(distance, target, stored));
    }
}

/// <summary>
/// <c>context</c>: a loss summed over the pairs, each <c>fast_sigmoid(min(pos − neg − ε, 0))</c>; points on the
/// positive side of every pair all score 0, the maximum.
/// </summary>
internal sealed class ContextScorer(Distance distance, IReadOnlyList<VectorPair> pairs) : IVectorScorer
{
    public bool HigherIsBetter => true;

    public float Score(ReadOnlySpan<float> stored)
    {
        var loss = 0f;
        foreach (var pair in pairs)
        {
            var difference = RawSimilarity.Of(distance, pair.Positive, stored) - RawSimilarity.Of(distance, pair.Negative, stored) - Sigmoid.MachineEpsilon;
            loss += Sigmoid.Fast(MathF.Min(difference, 0f));
        }

        return loss;
    }
}
