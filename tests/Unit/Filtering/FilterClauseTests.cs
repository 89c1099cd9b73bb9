using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class FilterClauseTests
{
    private const string Red = """{"color": "red", "size": 3}""";

    [Fact]
    public void EmptyFilter_MatchesEveryPoint()
    {
        Assert.True(Matches(Filter.Empty, Red));
        Assert.True(FilterEvaluator.Matches(Filter.Empty, new TestPoint(default, default)));
    }

    [Fact]
    public void Must_RequiresEveryCondition()
    {
        Assert.True(Matches(Filter.MustAll(Value("color", "red"), Value("size", 3)), Red));
        Assert.False(Matches(Filter.MustAll(Value("color", "red"), Value("size", 4)), Red));
    }

    [Fact]
    public void Should_RequiresAtLeastOneCondition()
    {
        Assert.True(Matches(Should(Value("color", "blue"), Value("size", 3)), Red));
        Assert.False(Matches(Should(Value("color", "blue"), Value("size", 4)), Red));
    }

    [Fact]
    public void EmptyShould_ConstrainsNothing()
    {
        Assert.True(Matches(new Filter([Value("color", "red")], [], [], null), Red));
    }

    [Fact]
    public void MustNot_RejectsWhenAnyConditionHolds()
    {
        Assert.False(Matches(MustNot(Value("color", "blue"), Value("size", 3)), Red));
        Assert.True(Matches(MustNot(Value("color", "blue"), Value("size", 4)), Red));
    }

    [Fact]
    public void MustNot_OnMissingKey_Matches()
    {
        Assert.True(Matches(MustNot(Value("shape", "round")), Red));
    }

    [Fact]
    public void AllClauses_MustHoldTogether()
    {
        var filter = new Filter(
            [Value("color", "red")],
            [Value("size", 1), Value("size", 3)],
            [Value("color", "blue")],
            new MinShould([Value("color", "red"), Value("size", 3), Value("size", 9)], 2));

        Assert.True(Matches(filter, Red));
        Assert.False(Matches(filter with { MustNot = [Value("size", 3)] }, Red));
        Assert.False(Matches(filter with { Should = [Value("size", 1)] }, Red));
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void MinShould_CountsMatchingConditions(int minCount, bool expected)
    {
        var filter = MinShould(minCount, Value("color", "red"), Value("size", 3), Value("size", 4));

        Assert.Equal(expected, Matches(filter, Red));
    }

    [Fact]
    public void MinShould_WithNoConditions_NeverMatches()
    {
        Assert.False(Matches(MinShould(1), Red));
    }

    [Fact]
    public void MinShould_WithZeroCount_MatchesEverything()
    {
        Assert.True(Matches(MinShould(0, Value("color", "blue")), Red));
    }

    [Fact]
    public void FilterCondition_NestsBooleanLogic()
    {
        // color = red AND (size = 1 OR size = 3)
        var filter = Filter.MustAll(Value("color", "red"), new FilterCondition(Should(Value("size", 1), Value("size", 3))));

        Assert.True(Matches(filter, Red));
        Assert.False(Matches(filter, """{"color": "red", "size": 2}"""));
    }

    [Fact]
    public void FilterCondition_InMustNot_Negates()
    {
        // NOT (color = red AND size = 3)
        var filter = MustNot(new FilterCondition(Filter.MustAll(Value("color", "red"), Value("size", 3))));

        Assert.False(Matches(filter, Red));
        Assert.True(Matches(filter, """{"color": "red", "size": 2}"""));
    }

    [Fact]
    public void MissingPayload_IsAnEmptyObject()
    {
        var point = new TestPoint(default, default);

        Assert.False(FilterEvaluator.Matches(Filter.MustAll(Value("color", "red")), point));
        Assert.True(FilterEvaluator.Matches(Filter.MustAll(new IsEmptyCondition(Key("color"))), point));
    }
}
