using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Payloads;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Payloads;

public class JsonPathTests
{
    [Fact]
    public void Parse_DottedKeys_SplitsIntoSteps()
    {
        var path = JsonPath.Parse("a.b.c");

        Assert.Equal("a", path.FirstKey);
        Assert.Equal([JsonPathItem.ForKey("b"), JsonPathItem.ForKey("c")], path.Rest.ToArray());
    }

    [Fact]
    public void Parse_MixedSteps_MatchesQdrantGrammar()
    {
        var path = JsonPath.Parse("foo[1][50].bar-baz[].\"qux[.]quux\"");

        Assert.Equal("foo", path.FirstKey);
        Assert.Equal(
            [
                JsonPathItem.ForIndex(1),
                JsonPathItem.ForIndex(50),
                JsonPathItem.ForKey("bar-baz"),
                JsonPathItem.Wildcard,
                JsonPathItem.ForKey("qux[.]quux"),
            ],
            path.Rest.ToArray());
    }

    [Theory]
    [InlineData("\"a.b\".c", "a.b")]
    [InlineData("\"key with spaces\"", "key with spaces")]
    [InlineData("\"\"", "")]
    [InlineData("город", "город")]
    [InlineData("1st_key-x", "1st_key-x")]
    public void Parse_AcceptsQuotedUnicodeAndDigitKeys(string text, string firstKey)
    {
        Assert.Equal(firstKey, JsonPath.Parse(text).FirstKey);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a..b")]
    [InlineData("a.")]
    [InlineData(".a")]
    [InlineData("[0]")]
    [InlineData("a b")]
    [InlineData("a.b c")]
    [InlineData("\"abc")]
    [InlineData("a.\"b")]
    [InlineData("\"a\\\"b\"")]
    [InlineData("a[")]
    [InlineData("a[0")]
    [InlineData("a[x]")]
    [InlineData("a[-1]")]
    [InlineData("a[99999999999999999999999]")]
    [InlineData("a\"b\"")]
    [InlineData("a.b!")]
    public void Parse_Malformed_ThrowsBadInputNamingThePath(string text)
    {
        var error = Assert.Throws<CitadelException>(() => JsonPath.Parse(text));

        Assert.Equal(ErrorKind.BadInput, error.Kind);
        Assert.StartsWith($"Invalid json path: '{text}': ", error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a..b", "empty key at position 2")]
    [InlineData("\"abc", "unclosed quote starting at position 0")]
    [InlineData("a[0", "unclosed '[' at position 1")]
    [InlineData("a.", "a key is missing at the end (position 2)")]
    public void Parse_Malformed_SaysWhatIsWrong(string text, string reason)
    {
        Assert.False(JsonPath.TryParse(text, out _, out var error));
        Assert.EndsWith(reason, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.b[0].c[]", "a.b[0].c[]")]
    [InlineData("a[007]", "a[7]")]
    [InlineData("\"plain\".\"x\"", "plain.x")]
    [InlineData("\"a.b\".c", "\"a.b\".c")]
    [InlineData("a.\"\"", "a.\"\"")]
    public void ToString_IsCanonical(string text, string canonical)
    {
        var path = JsonPath.Parse(text);

        Assert.Equal(canonical, path.ToString());
        Assert.Equal(path, JsonPath.Parse(canonical));
    }

    [Fact]
    public void Equality_IsStructural()
    {
        Assert.Equal(JsonPath.Parse("a.b[]"), JsonPath.Parse("\"a\".b[]"));
        Assert.Equal(JsonPath.Parse("a.b[]").GetHashCode(), JsonPath.Parse("\"a\".b[]").GetHashCode());
        Assert.NotEqual(JsonPath.Parse("a.b"), JsonPath.Parse("\"a.b\""));
        Assert.NotEqual(JsonPath.Parse("a[0]"), JsonPath.Parse("a[]"));
    }

    [Fact]
    public void FromKey_TakesTheKeyLiterally()
    {
        var path = JsonPath.FromKey("a.b");

        Assert.Equal("\"a.b\"", path.ToString());
        Assert.Empty(path.Rest);
    }

    [Fact]
    public void Extend_AppendsTheOtherPathBelowThisOne()
    {
        Assert.Equal(JsonPath.Parse("a[].b.c[0]"), JsonPath.Parse("a[]").Extend(JsonPath.Parse("b.c[0]")));
    }

    [Fact]
    public void ArrayKey_AddsWildcardOnce()
    {
        Assert.Equal(JsonPath.Parse("a.b[]"), JsonPath.Parse("a.b").ArrayKey());
        Assert.Equal(JsonPath.Parse("a.b[]"), JsonPath.Parse("a.b[]").ArrayKey());
    }

    [Fact]
    public void NestedKey_IsRootRelative()
    {
        Assert.Equal(JsonPath.Parse("items[].price"), JsonPath.Parse("items").NestedKey(JsonPath.Parse("price")));
        Assert.Equal(JsonPath.Parse("items[].tags[]"), JsonPath.Parse("items[]").NestedKey(JsonPath.Parse("tags[]")));
    }

    [Fact]
    public void StripPrefix_ReturnsTheRemainderStartingAtAKey()
    {
        Assert.Equal(JsonPath.Parse("c.d"), JsonPath.Parse("a.b.c.d").StripPrefix(JsonPath.Parse("a.b")));
        Assert.Equal(JsonPath.Parse("b"), JsonPath.Parse("a[].b").StripPrefix(JsonPath.Parse("a[]")));
        Assert.Null(JsonPath.Parse("a[].b").StripPrefix(JsonPath.Parse("a")));
        Assert.Null(JsonPath.Parse("a.b").StripPrefix(JsonPath.Parse("a.b")));
        Assert.Null(JsonPath.Parse("a.b").StripPrefix(JsonPath.Parse("x")));
    }

    [Fact]
    public void HeadAndWildcardSuffix()
    {
        Assert.Equal(JsonPath.Parse("a"), JsonPath.Parse("a.b[]").Head);
        Assert.True(JsonPath.Parse("a.b[]").HasWildcardSuffix);
        Assert.Equal(JsonPath.Parse("a.b"), JsonPath.Parse("a.b[]").StripWildcardSuffix());
    }

    private const string Sample = """
        {
            "a": { "b": [ { "c": 1 }, { "c": 2 }, { "d": { "e": 3 } } ] },
            "f": 3,
            "g": ["g0", "g1", "g2"],
            "arr": [ { "a": [1, 2, 3] }, { "a": 4 }, { "b": 5 } ]
        }
        """;

    [Theory]
    [InlineData("a.b[].c", "[1,2]")]
    [InlineData("a.b[1].c", "[2]")]
    [InlineData("g[2]", "[\"g2\"]")]
    [InlineData("a.b[3]", "[]")]
    [InlineData("a.b.c", "[]")]
    [InlineData("missing", "[]")]
    [InlineData("f.x", "[]")]
    [InlineData("f[]", "[]")]
    [InlineData("arr[].a", "[[1,2,3],4]")]
    [InlineData("arr[].a[]", "[1,2,3]")]
    public void RawValues_FollowQdrantValueGet(string path, string expected)
    {
        Assert.Equal(expected, Render(JsonPath.Parse(path).RawValues(Json(Sample))));
    }

    [Theory]
    [InlineData("g", "[\"g0\",\"g1\",\"g2\"]")]
    [InlineData("arr[].a", "[1,2,3,4]")]
    [InlineData("f", "[3]")]
    public void Values_FlattenArraysAtTheEnd(string path, string expected)
    {
        Assert.Equal(expected, Render(JsonPath.Parse(path).Values(Json(Sample))));
    }

    [Fact]
    public void Values_OfMissingPayload_AreEmpty()
    {
        Assert.Empty(JsonPath.Parse("a").Values(default));
    }

    [Fact]
    public void Values_WithDuplicateKeys_SeeTheLastOne()
    {
        Assert.Equal("[2]", Render(JsonPath.Parse("a").Values(Json("""{"a": 1, "a": 2}"""))));
    }

    private static string Render(IEnumerable<JsonElement> values) =>
        "[" + string.Join(",", values.Select(v => JsonSerializer.Serialize(v))) + "]";
}
