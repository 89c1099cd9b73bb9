using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class NestedTests
{
    private const string Dinosaurs = """
        {"diet": [{"food": "leaves", "likes": false}, {"food": "meat", "likes": true}]}
        """;

    [Fact]
    public void Nested_RequiresOneElementToSatisfyTheWholeFilter()
    {
        var nested = new NestedCondition(Key("diet"), Filter.MustAll(Value("food", "meat"), Value("likes", true)));
        var crossElement = new NestedCondition(Key("diet"), Filter.MustAll(Value("food", "leaves"), Value("likes", true)));

        Assert.True(Matches(nested, Dinosaurs));
        Assert.False(Matches(crossElement, Dinosaurs));

        // The flat form mixes elements and matches both.
        Assert.True(Matches(Filter.MustAll(Value("diet[].food", "leaves"), Value("diet[].likes", true)), Dinosaurs));
    }

    [Fact]
    public void Nested_KeyWithOrWithoutWildcard_IsTheSame()
    {
        var inner = Filter.MustAll(Value("food", "meat"));

        Assert.True(Matches(new NestedCondition(Key("diet[]"), inner), Dinosaurs));
        Assert.True(Matches(new NestedCondition(Key("diet"), inner), Dinosaurs));
    }

    [Fact]
    public void Nested_MustNotInside_AppliesPerElement()
    {
        // Some element is not about meat.
        Assert.True(Matches(new NestedCondition(Key("diet"), MustNot(Value("food", "meat"))), Dinosaurs));

        // No element is about fish: the outer must_not of a nested filter.
        Assert.True(Matches(MustNot(new NestedCondition(Key("diet"), Filter.MustAll(Value("food", "fish")))), Dinosaurs));
    }

    [Theory]
    [InlineData("""{"diet": {"food": "meat"}}""")]
    [InlineData("""{"diet": ["meat", 1, null]}""")]
    [InlineData("""{"diet": []}""")]
    [InlineData("""{}""")]
    public void Nested_OnlyChecksObjectsInsideAnArray(string payload)
    {
        Assert.False(Matches(new NestedCondition(Key("diet"), Filter.Empty), payload));
    }

    [Fact]
    public void Nested_EmptyInnerFilter_MatchesWhenAnObjectElementExists()
    {
        Assert.True(Matches(new NestedCondition(Key("diet"), Filter.Empty), """{"diet": [1, {}]}"""));
    }

    [Fact]
    public void Nested_InsideNested_IsRelativeToTheOuterElement()
    {
        const string payload = """
            {"shops": [
                {"name": "a", "items": [{"kind": "tea", "price": 5}, {"kind": "cake", "price": 20}]},
                {"name": "b", "items": [{"kind": "tea", "price": 30}]}
            ]}
            """;
        var cheapTea = new NestedCondition(Key("items"), Filter.MustAll(Value("kind", "tea"), Range("price", lt: 10)));

        Assert.True(Matches(new NestedCondition(Key("shops"), Filter.MustAll(Value("name", "a"), cheapTea)), payload));
        Assert.False(Matches(new NestedCondition(Key("shops"), Filter.MustAll(Value("name", "b"), cheapTea)), payload));
    }

    [Fact]
    public void Nested_InnerKeysCanUseArrayPaths()
    {
        const string payload = """{"groups": [{"tags": ["x", "y"], "n": [{"v": 1}]}, {"tags": ["z"]}]}""";

        Assert.True(Matches(new NestedCondition(Key("groups"), Filter.MustAll(Value("tags", "y"), Value("n[].v", 1))), payload));
        Assert.False(Matches(new NestedCondition(Key("groups"), Filter.MustAll(Value("tags", "z"), Value("n[].v", 1))), payload));
        Assert.True(Matches(new NestedCondition(Key("groups"), Filter.MustAll(new IsEmptyCondition(Key("n")))), payload));
    }

    [Fact]
    public void Nested_UnderAnIndexedPath()
    {
        const string payload = """{"a": [{"b": [{"c": 1}]}, {"b": [{"c": 2}]}]}""";

        Assert.True(Matches(new NestedCondition(Key("a[1].b"), Filter.MustAll(Value("c", 2))), payload));
        Assert.False(Matches(new NestedCondition(Key("a[0].b"), Filter.MustAll(Value("c", 2))), payload));
        Assert.True(Matches(new NestedCondition(Key("a[].b"), Filter.MustAll(Value("c", 2))), payload));
    }
}
