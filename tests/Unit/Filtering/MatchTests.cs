using Citadel.Storage.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Filtering;

public class MatchTests
{
    [Theory]
    [InlineData("""{"k": "red"}""", true)]
    [InlineData("""{"k": "Red"}""", false)]
    [InlineData("""{"k": "red "}""", false)]
    [InlineData("""{"k": ["blue", "red"]}""", true)]
    [InlineData("""{"k": [["red"]]}""", false)]
    [InlineData("""{"k": "r\u0065d"}""", true)]
    [InlineData("""{"other": "red"}""", false)]
    [InlineData("""{"k": null}""", false)]
    public void MatchKeyword_ComparesWholeStrings(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(Value("k", "red"), payload));
    }

    [Theory]
    [InlineData("""{"k": 5}""", true)]
    [InlineData("""{"k": [1, 5]}""", true)]
    [InlineData("""{"k": "5"}""", false)]
    public void MatchInteger_MatchesIntegerPayload(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(Value("k", 5), payload));
    }

    [Theory]
    [InlineData("""{"k": 1.0}""")]
    [InlineData("""{"k": 1e0}""")]
    [InlineData("""{"k": [1.0]}""")]
    public void MatchInteger_DoesNotMatchFloatPayload(string payload)
    {
        Assert.False(Matches(Value("k", 1), payload));
    }

    [Fact]
    public void MatchInteger_HandlesExtremes()
    {
        Assert.True(Matches(Value("k", long.MinValue), """{"k": -9223372036854775808}"""));
        Assert.False(Matches(Value("k", long.MaxValue), """{"k": 9223372036854775808}"""));
    }

    [Theory]
    [InlineData("""{"k": true}""", true, true)]
    [InlineData("""{"k": false}""", true, false)]
    [InlineData("""{"k": false}""", false, true)]
    [InlineData("""{"k": 1}""", true, false)]
    [InlineData("""{"k": "true"}""", true, false)]
    [InlineData("""{"k": [false, true]}""", true, true)]
    public void MatchBool_MatchesOnlyBooleans(string payload, bool value, bool expected)
    {
        Assert.Equal(expected, Matches(Value("k", value), payload));
    }

    [Fact]
    public void MatchValue_ThroughArrayOfObjects_MatchesAnyElement()
    {
        const string payload = """{"items": [{"color": "blue"}, {"color": "red"}, {"size": 1}]}""";

        Assert.True(Matches(Value("items[].color", "red"), payload));
        Assert.False(Matches(Value("items[].color", "green"), payload));
        Assert.True(Matches(Value("items[1].color", "red"), payload));
        Assert.False(Matches(Value("items[0].color", "red"), payload));
    }

    [Fact]
    public void MatchValue_WithoutWildcard_DoesNotReachIntoArrays()
    {
        Assert.False(Matches(Value("items.color", "red"), """{"items": [{"color": "red"}]}"""));
    }

    [Theory]
    [InlineData("""{"k": "b"}""", true)]
    [InlineData("""{"k": ["x", "c"]}""", true)]
    [InlineData("""{"k": "d"}""", false)]
    [InlineData("""{"k": 1}""", false)]
    [InlineData("""{"k": true}""", false)]
    public void MatchAnyKeywords_MatchesListedStrings(string payload, bool expected)
    {
        var match = new MatchAny([MatchScalar.Of("a"), MatchScalar.Of("b"), MatchScalar.Of("c")]);

        Assert.Equal(expected, Matches(WithMatch("k", match), payload));
    }

    [Theory]
    [InlineData("""{"k": 2}""", true)]
    [InlineData("""{"k": 2.0}""", false)]
    [InlineData("""{"k": "2"}""", false)]
    [InlineData("""{"k": 4}""", false)]
    public void MatchAnyIntegers_MatchesListedIntegers(string payload, bool expected)
    {
        var match = new MatchAny([MatchScalar.Of(1), MatchScalar.Of(2), MatchScalar.Of(3)]);

        Assert.Equal(expected, Matches(WithMatch("k", match), payload));
    }

    [Fact]
    public void MatchAny_WithManyValues_UsesTheSameRules()
    {
        var keywords = new MatchAny([.. Enumerable.Range(0, 100).Select(i => MatchScalar.Of("k" + i))]);
        var integers = new MatchAny([.. Enumerable.Range(0, 100).Select(i => MatchScalar.Of((long)i))]);

        Assert.True(Matches(WithMatch("k", keywords), """{"k": "k57"}"""));
        Assert.True(Matches(WithMatch("k", keywords), """{"k": "\u006b57"}"""));
        Assert.False(Matches(WithMatch("k", keywords), """{"k": "k100"}"""));
        Assert.True(Matches(WithMatch("k", integers), """{"k": 99}"""));
        Assert.False(Matches(WithMatch("k", integers), """{"k": 99.0}"""));
    }

    [Fact]
    public void MatchAny_EmptyList_MatchesNothing()
    {
        Assert.False(Matches(WithMatch("k", new MatchAny([])), """{"k": "a"}"""));
    }

    [Theory]
    [InlineData("""{"k": "c"}""", true)]
    [InlineData("""{"k": "a"}""", false)]
    [InlineData("""{"k": ["a", "b"]}""", false)]
    [InlineData("""{"k": ["a", "c"]}""", true)]
    [InlineData("""{"k": 1}""", true)]
    [InlineData("""{"k": true}""", true)]
    [InlineData("""{"k": {"x": "a"}}""", true)]
    [InlineData("""{"k": [["a"]]}""", true)]
    [InlineData("""{"k": []}""", false)]
    public void MatchExceptKeywords_MatchesAnyValueNotListed(string payload, bool expected)
    {
        var match = new MatchExcept([MatchScalar.Of("a"), MatchScalar.Of("b")]);

        Assert.Equal(expected, Matches(WithMatch("k", match), payload));
    }

    [Theory]
    [InlineData("""{"n": 5}""", true)]
    [InlineData("""{"n": 1}""", false)]
    [InlineData("""{"n": 1.5}""", true)]
    [InlineData("""{"n": "1"}""", true)]
    public void MatchExceptIntegers_MatchesAnyValueNotListed(string payload, bool expected)
    {
        Assert.Equal(expected, Matches(WithMatch("n", new MatchExcept([MatchScalar.Of(1)])), payload));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"n": null}""")]
    [InlineData("""{"n": [1, null]}""")]
    public void MatchExcept_OnMissingOrNullField_DoesNotMatch(string payload)
    {
        Assert.False(Matches(WithMatch("n", new MatchExcept([MatchScalar.Of(1)])), payload));
    }

    [Fact]
    public void MatchExcept_InMustNot_SelectsListedValuesAndMissingFields()
    {
        var filter = MustNot(WithMatch("n", new MatchExcept([MatchScalar.Of(1)])));

        Assert.True(Matches(filter, """{"n": 1}"""));
        Assert.True(Matches(filter, """{}"""));
        Assert.False(Matches(filter, """{"n": 2}"""));
    }

    [Theory]
    [InlineData("good cheap", "Good, cheap hardware!", true)]
    [InlineData("cheap good", "good cheap hardware", true)]
    [InlineData("good", "goodness only", false)]
    [InlineData("good expensive", "good cheap hardware", false)]
    [InlineData("ПРИВЕТ", "привет, мир", true)]
    [InlineData("", "anything", false)]
    [InlineData("!!", "anything", false)]
    [InlineData("snake_case", "snake case", true)]
    public void MatchText_WithoutIndex_MatchesWholeTokensCaseInsensitively(string query, string stored, bool expected)
    {
        Assert.Equal(expected, Matches(WithMatch("t", new MatchText(query)), $$"""{"t": {{System.Text.Json.JsonSerializer.Serialize(stored)}}}"""));
    }

    [Fact]
    public void MatchText_IgnoresNonStrings_AndChecksArrayElements()
    {
        Assert.False(Matches(WithMatch("t", new MatchText("1")), """{"t": 1}"""));
        Assert.True(Matches(WithMatch("t", new MatchText("red")), """{"t": [1, "dark red"]}"""));
    }

    [Theory]
    [InlineData("good expensive", "good cheap hardware", true)]
    [InlineData("GOOD", "good cheap hardware", true)]
    [InlineData("goo", "good cheap hardware", false)]
    [InlineData("", "good cheap hardware", false)]
    public void MatchTextAny_NeedsOneWholeToken(string query, string stored, bool expected)
    {
        Assert.Equal(expected, Matches(WithMatch("t", new MatchTextAny(query)), $$"""{"t": "{{stored}}"}"""));
    }

    [Theory]
    [InlineData("cheap hardware", "Good, cheap hardware!", true)]
    [InlineData("hardware cheap", "good cheap hardware", false)]
    [InlineData("good hardware", "good cheap hardware", false)]
    [InlineData("", "good cheap hardware", false)]
    public void MatchPhrase_NeedsConsecutiveTokensInOrder(string query, string stored, bool expected)
    {
        Assert.Equal(expected, Matches(WithMatch("t", new MatchPhrase(query)), $$"""{"t": "{{stored}}"}"""));
    }

    [Theory]
    [InlineData("""{"k": "prefix-rest"}""", "prefix", true)]
    [InlineData("""{"k": "Prefix-rest"}""", "prefix", false)]
    [InlineData("""{"k": "pre"}""", "prefix", false)]
    [InlineData("""{"k": ["zzz", "préfix"]}""", "pré", true)]
    [InlineData("""{"k": "\u00e9t\u00e9"}""", "ét", true)]
    [InlineData("""{"k": "a\"b"}""", "a\"", true)]
    [InlineData("""{"k": 123}""", "1", false)]
    [InlineData("""{"k": "anything"}""", "", true)]
    [InlineData("""{"k": 1}""", "", false)]
    public void MatchPrefix_IsCaseSensitiveOnKeywords(string payload, string prefix, bool expected)
    {
        Assert.Equal(expected, Matches(WithMatch("k", new MatchPrefix(prefix)), payload));
    }
}
