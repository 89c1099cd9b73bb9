using Citadel.Storage.Search;
using Citadel.Storage.Vectors;

namespace Citadel.Storage.Query.Scorers;

/// <summary>
/// <c>best_score</c>: the best raw similarity to any example decides. When a positive is the closest the score is
/// its similarity squashed into (0, 1); when a negative is at least as close, the negated squashed similarity to
/// it, so every point nearer a positive ranks above every point nearer a negative.
/// </summary>
internal sealed class BestScoreScorer(Distance distance, IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives) : IVectorScorer
{
    public bool HigherIsBetter => true;

    public float Score(ReadOnlySpan<float> stored)
    {
        var maxPositive = float.NegativeInfinity;
        foreach (var p in positives)
        {
            var s = RawSimilarity.Of(distance, p, stored);
            if (Sigmoid.TotalCompare(s, maxPositive) > 0)
            {
                maxPositive = s;
            }
        }

        var maxNegative = float.NegativeInfinity;
        foreach (var n in negatives)
        {
            var s = RawSimilarity.Of(distance, n, stored);
            if (Sigmoid.TotalCompare(s, maxNegative) > 0)
            {
                maxNegative = s;
            }
        }

        return maxPositive > maxNegative ? Sigmoid.Scaled(maxPositive) : -Sigmoid.Scaled(maxNegative);
    }
}

/// <summary><c>sum_scores</c>: the raw similarities to the positives summed, minus those to the negatives.</summary>
internal sealed class SumScoresScorer(Distance distance, IReadOnlyList<float[]> positives, IReadOnlyList<float[]> negatives) : IVectorScorer
{
    public bool HigherIsBetter => true;

    public float Score(ReadOnlySpan<float> stored)
    {
        var positive = 0f;
        foreach (var p in positives)
        {
            positive += RawSimilarity.Of(distance, p, stored);
        }

        var negative = 0f;
        foreach (var n in negatives)
        {
            negative += RawSimilarity.Of(distance, n, stored);
        }

        return positive - negative;
    }
}
