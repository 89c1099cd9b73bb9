using Citadel.Storage.Query.Scorers;
using Citadel.Storage.Vectors;

namespace Citadel.Tests.Unit.Query;

/// <summary>The custom objectives on hand-made vectors whose similarities are easy to read (Dot, unit axes).</summary>
public sealed class ScorerTests
{
    private static readonly float[] X = [1, 0];
    private static readonly float[] Y = [0, 1];

    [Fact]
    public void BestScore_NearerAPositive_IsTheSquashedPositiveSimilarity()
    {
        var scorer = new BestScoreScorer(Distance.Dot, [X], [Y]);

        Assert.Equal(Reference.ScaledSigmoid(0.9), scorer.Score([0.9f, 0.1f]), 6);
    }

    [Fact]
    public void BestScore_AsNearANegativeAsAnyPositive_IsNegative()
    {
        var scorer = new BestScoreScorer(Distance.Dot, [X], [Y]);

        Assert.Equal(-Reference.ScaledSigmoid(0.8), scorer.Score([0.2f, 0.8f]), 6);
        Assert.Equal(-Reference.ScaledSigmoid(0.5), scorer.Score([0.5f, 0.5f]), 6);
    }

    [Fact]
    public void BestScore_OnlyNegatives_RanksTheFarthestFirst()
    {
        var scorer = new BestScoreScorer(Distance.Dot, [], [X]);

        Assert.True(scorer.Score([-1f, 0f]) > scorer.Score([1f, 0f]));
    }

    [Fact]
    public void SumScores_AddsPositiveAndSubtractsNegativeSimilarities()
    {
        var scorer = new SumScoresScorer(Distance.Dot, [X, Y], [[1f, 1f]]);

        Assert.Equal(3 + 4 - 7, scorer.Score([3f, 4f]), 5);
    }

    [Fact]
    public void SumScores_WithEuclid_UsesNegatedSquaredDistances()
    {
        var scorer = new SumScoresScorer(Distance.Euclid, [X], [Y]);

        // -(|p - x|²) + |p - y|² for p = (2, 0): -1 + 5.
        Assert.Equal(4f, scorer.Score([2f, 0f]), 5);
    }

    [Fact]
    public void Discover_IntegerPartCountsPairSides_FractionIsTheTarget()
    {
        var scorer = new DiscoverScorer(Distance.Dot, [0.6f, 0.8f], [new VectorPair(X, Y), new VectorPair(Y, X)]);

        var closerToX = scorer.Score([1f, 0.2f]);
        var onTheDiagonal = scorer.Score([0.5f, 0.5f]);

        Assert.Equal(0 + Reference.ScaledSigmoid(0.76), closerToX, 5);
        Assert.Equal(0 + Reference.ScaledSigmoid(0.7), onTheDiagonal, 5);
        Assert.Equal(2 + Reference.ScaledSigmoid(0.76), new DiscoverScorer(Distance.Dot, [0.6f, 0.8f], [new VectorPair(X, Y), new VectorPair(X, Y)]).Score([1f, 0.2f]), 5);
    }

    [Fact]
    public void Context_OnThePositiveSideOfEveryPair_ScoresZero_ElseALossAboveMinusOnePerPair()
    {
        var scorer = new ContextScorer(Distance.Dot, [new VectorPair(X, Y)]);

        Assert.Equal(0f, scorer.Score([1f, 0f]));
        Assert.Equal(Reference.FastSigmoid(-1 - 1.1920929E-07), scorer.Score([0f, 1f]), 6);
        Assert.InRange(scorer.Score([0f, 100f]), -1f, 0f);
    }
}
