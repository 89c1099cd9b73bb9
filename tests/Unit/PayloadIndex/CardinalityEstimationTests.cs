using Citadel.Storage.Index.Payload.Planning;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Qdrant's combination rules for cardinality estimates.</summary>
public sealed class CardinalityEstimationTests
{
    [Fact]
    public void AllOf_UsesInclusionExclusionForTheMinimumAndTheSmallestMaximum()
    {
        var combined = CardinalityEstimation.AllOf([new(700, 800, 900), new(500, 600, 700)], 1000);
        Assert.Equal(200, combined.Min);
        Assert.Equal(480, combined.Expected);
        Assert.Equal(700, combined.Max);
    }

    [Fact]
    public void AnyOf_TakesTheLargestMinimumAndTheCappedSumOfMaxima()
    {
        var combined = CardinalityEstimation.AnyOf([new(100, 200, 300), new(50, 100, 900)], 1000);
        Assert.Equal(100, combined.Min);
        Assert.Equal(280, combined.Expected);
        Assert.Equal(1000, combined.Max);
    }

    [Fact]
    public void AtLeast_MoreThanThereAreConditions_IsExactlyNothing() =>
        Assert.Equal(CardinalityEstimation.Exact(0), CardinalityEstimation.AtLeast([new(1, 2, 3)], 2, 10));

    [Fact]
    public void Invert_SwapsTheBoundsAroundTheTotal() =>
        Assert.Equal(new CardinalityEstimation(70, 80, 90), new CardinalityEstimation(10, 20, 30).Invert(100));
}
