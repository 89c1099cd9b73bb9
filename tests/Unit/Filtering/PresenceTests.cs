using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class PresenceTests
{
    [Theory]
    [InlineData("""{}""", true)]
    [InlineData("""{"k": null}""", true)]
    [InlineData("""{"k": []}""", true)]
    [InlineData("""{"k": [null]}""", false)]
    [InlineData("""{"k": {}}""", false)]
    [InlineData("""{"k": ""}""", false)]
    [InlineData("""{"k": 0}""", false)]
    [InlineData("""{"k": false}""", false)]
    public void IsEmpty_MatchesMissingNullOrEmptyArray(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(new IsEmptyCondition(Key("k")), payload));
    }

    [Theory]
    [InlineData("""{"a": [{"b": 1}, {"b": []}]}""", false)]
    [InlineData("""{"a": [{"b": null}, {"b": []}, {"c": 1}]}""", true)]
    [InlineData("""{"a": [{"d": []}, {"f": null}]}""", true)]
    public void IsEmpty_ThroughArrays_NeedsEveryValueEmpty(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(new IsEmptyCondition(Key("a[].b")), payload));
    }

    [Theory]
    [InlineData("""{"k": null}""", true)]
    [InlineData("""{"k": [null]}""", true)]
    [InlineData("""{"k": [1, null, 3]}""", true)]
    [InlineData("""{"k": [[null]]}""", false)]
    [InlineData("""{"k": []}""", false)]
    [InlineData("""{"k": 1}""", false)]
    [InlineData("""{}""", false)]
    [InlineData("""{"k": {"x": null}}""", false)]
    public void IsNull_MatchesNullOrArrayHoldingNull(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(new IsNullCondition(Key("k")), payload));
    }

    [Theory]
    [InlineData("""{"a": [{"b": 1}, {"b": null}]}""", true)]
    [InlineData("""{"a": [{"b": 1}, {"c": null}]}""", false)]
    public void IsNull_ThroughArrays_NeedsOneNullValue(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(new IsNullCondition(Key("a[].b")), payload));
    }

    [Theory]
    [InlineData("""{}""", true, true)]
    [InlineData("""{}""", false, false)]
    [InlineData("""{"k": null}""", true, true)]
    [InlineData("""{"k": []}""", true, true)]
    [InlineData("""{"k": [null]}""", true, false)]
    [InlineData("""{"k": 1}""", false, true)]
    [InlineData("""{"k": []}""", false, false)]
    public void FieldIsEmpty_ComparesEmptinessWithTheFlag(string payload, bool flag, bool expected)
    {
        Assert.Equal(expected, Matches(Field("k") with { IsEmpty = flag }, payload));
    }

    [Fact]
    public void FieldIsEmpty_ThroughArrays_NeedsOneEmptyValue()
    {
        // The field form checks each value on its own (qdrant#10621), unlike the is_empty condition.
        const string payload = """{"a": [{"b": 1}, {"b": []}]}""";

        Assert.True(Matches(Field("a[].b") with { IsEmpty = true }, payload));
        Assert.False(Matches(new IsEmptyCondition(Key("a[].b")), payload));
        Assert.True(Matches(Field("a[].b") with { IsEmpty = false }, payload));
    }

    [Theory]
    [InlineData("""{}""", true, false)]
    [InlineData("""{}""", false, true)]
    [InlineData("""{"k": null}""", true, true)]
    [InlineData("""{"k": null}""", false, false)]
    [InlineData("""{"k": [1, null]}""", true, true)]
    [InlineData("""{"k": [1, 2]}""", false, true)]
    [InlineData("""{"k": "x"}""", false, true)]
    public void FieldIsNull_ComparesNullnessWithTheFlag(string payload, bool flag, bool expected)
    {
        Assert.Equal(expected, Matches(Field("k") with { IsNull = flag }, payload));
    }

    private static FieldCondition Count(string key, ulong? lt = null, ulong? gt = null, ulong? gte = null, ulong? lte = null) =>
        Field(key) with { ValuesCount = new ValuesCount(lt, gt, gte, lte) };

    [Theory]
    [InlineData("""{"r": [3, 7, 9, 9]}""", 4ul)]
    [InlineData("""{"r": []}""", 0ul)]
    [InlineData("""{"r": 5}""", 1ul)]
    [InlineData("""{"r": "x"}""", 1ul)]
    [InlineData("""{"r": {"a": 1, "b": 2}}""", 1ul)]
    [InlineData("""{"r": null}""", 0ul)]
    [InlineData("""{"r": [[1, 2], 3]}""", 2ul)]
    public void ValuesCount_CountsArrayElementsAndScalarsAsOne(string payload, ulong count)
    {
        Assert.True(Matches(Count("r", gte: count, lte: count), payload));
        Assert.False(Matches(Count("r", gt: count), payload));
        Assert.False(Matches(Count("r", lt: count), payload));
    }

    [Fact]
    public void ValuesCount_OnMissingKey_NeverMatches()
    {
        Assert.False(Matches(Count("r", lte: 0), """{}"""));
        Assert.False(Matches(Count("r"), """{}"""));
    }

    [Fact]
    public void ValuesCount_ThroughArrays_CountsEachValueSeparately()
    {
        const string payload = """{"a": [{"b": [1, 2, 3]}, {"b": 4}]}""";

        Assert.True(Matches(Count("a[].b", gte: 3), payload));
        Assert.True(Matches(Count("a[].b", lte: 1), payload));
        Assert.False(Matches(Count("a[].b", gte: 4), payload));
        Assert.True(Matches(Count("a", gte: 2, lte: 2), payload));
    }
}
