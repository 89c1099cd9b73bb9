using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Storage.Payloads;
using Citadel.Tests.Unit.Filtering;
using static Citadel.Tests.Unit.Filtering.Kit;

namespace Citadel.Tests.Unit.Payloads;

public class PayloadOpsTests
{
    private const string Sample = """
        {"a": {"b": [{"c": 1}, {"c": 2}, {"d": {"e": 3}}]}, "f": 3, "g": ["g0", "g1", "g2"]}
        """;

    private static string Set(string payload, string values, string? key = null) =>
        Kit.Compact(PayloadOps.Set(Json(payload), Json(values), key is null ? null : JsonPath.Parse(key)));

    private static string Delete(string payload, params string[] keys) =>
        Kit.Compact(PayloadOps.DeleteKeys(Json(payload), keys.Select(JsonPath.Parse)));

    private static string Select(string payload, PayloadSelector selector) =>
        Kit.Compact(PayloadOps.Select(Json(payload), selector));

    private static string Compact(string json) => Kit.Compact(Json(json));

    [Fact]
    public void Set_WithoutKey_MergesTopLevelKeys()
    {
        Assert.Equal(Compact("""{"a": 1, "b": {"x": 1}, "c": 3}"""), Set("""{"a": 1, "b": 2}""", """{"b": {"x": 1}, "c": 3}"""));
    }

    [Fact]
    public void Set_OnMissingPayload_StartsFromEmptyObject()
    {
        Assert.Equal("""{"c":1}""", Kit.Compact(PayloadOps.Set(default, Json("""{"c": 1}"""), null)));
    }

    [Fact]
    public void Set_NullValue_RemovesTheKey()
    {
        Assert.Equal("""{"b":2}""", Set("""{"a": 1, "b": 2}""", """{"a": null, "z": null}"""));
    }

    [Fact]
    public void Set_WithKey_MergesIntoTheNestedObject()
    {
        Assert.Equal(
            Compact("""{"a": {"b": 5}, "f": 3, "g": ["g0", "g1", "g2"]}"""),
            Set(Sample, """{"b": 5}""", "a"));
    }

    [Fact]
    public void Set_WithKeyToMissingPath_CreatesObjects()
    {
        Assert.Equal("""{"key1":{"key2":{"c":1}}}""", Set("{}", """{"c": 1}""", "key1.key2"));
    }

    [Fact]
    public void Set_WithKeyThroughScalar_ReplacesItWithAnObject()
    {
        Assert.Equal("""{"a":{"b":{"c":{"x":1}}}}""", Set("""{"a": 10}""", """{"x": 1}""", "a.b.c"));
    }

    [Fact]
    public void Set_WithKeyEndingAtScalar_ReplacesItWithTheValues()
    {
        Assert.Equal("""{"a":{"x":1}}""", Set("""{"a": [1, 2]}""", """{"x": 1}""", "a"));
    }

    [Fact]
    public void Set_WithIndexKey_MergesIntoThatElement()
    {
        Assert.Equal(
            Compact("""{"a": {"b": [{"c": 1}, {"c": 5}, {"d": {"e": 3}}]}, "f": 3, "g": ["g0", "g1", "g2"]}"""),
            Set(Sample, """{"c": 5}""", "a.b[1]"));
    }

    [Fact]
    public void Set_WithIndexPastTheEnd_SetsNothing()
    {
        Assert.Equal("""{"a":[{"x":1}]}""", Set("""{"a": [{"x": 1}]}""", """{"c": 1}""", "a[3]"));
        Assert.Equal("""{"key1":{"key2":[]}}""", Set("{}", """{"c": 1}""", "key1.key2[3]"));
    }

    [Fact]
    public void Set_WithWildcardKey_MergesIntoEveryElement()
    {
        Assert.Equal(
            """{"a":[{"x":1,"c":1},{"c":1},{"c":1}]}""",
            Set("""{"a": [{"x": 1}, 7, {}]}""", """{"c": 1}""", "a[]"));
    }

    [Fact]
    public void Set_WithWildcardThroughMissingArray_LeavesEmptyArray()
    {
        Assert.Equal("""{"key1":{"key2":[]}}""", Set("{}", """{"c": 1}""", "key1.key2[].key3"));
    }

    [Fact]
    public void Set_WithWildcardThroughObject_ReplacesItWithEmptyArray()
    {
        Assert.Equal("""{"a":[]}""", Set("""{"a": {"b": 1}}""", """{"c": 1}""", "a[].b"));
    }

    [Fact]
    public void Set_WithEmptyValues_ChangesNothingButCreatesThePath()
    {
        Assert.Equal(Compact(Sample), Set(Sample, "{}", "a.b[1]"));
        Assert.Equal("""{"x":{}}""", Set("{}", "{}", "x"));
    }

    [Fact]
    public void Set_WithDuplicateKeys_LastWins()
    {
        Assert.Equal("""{"a":3,"b":2}""", Set("""{"a": 1, "b": 2, "a": 0}""", """{"a": 9, "a": 3}"""));
    }

    [Fact]
    public void Set_KeepsNumberTextAndUnicode()
    {
        Assert.Equal("""{"n":1.50,"big":18446744073709551615,"s":"ж\"q"}""", Set("""{"n": 1.50}""", """{"big": 18446744073709551615, "s": "ж\"q"}"""));
    }

    [Fact]
    public void Set_NonObjectValues_IsBadInput()
    {
        var error = Assert.Throws<CitadelException>(() => PayloadOps.Set(Json("{}"), Json("[1]"), null));
        Assert.Equal(ErrorKind.BadInput, error.Kind);
    }

    [Fact]
    public void Delete_TopLevelAndNestedKeys()
    {
        Assert.Equal("""{"a":{"b":[{"c":1},{"c":2},{"d":{}}]},"g":["g0","g1","g2"]}""", Delete(Sample, "f", "a.b[].d.e"));
    }

    [Fact]
    public void Delete_ThroughWildcard_RemovesFromEveryElement()
    {
        Assert.Equal("""{"i":[{"k":2},{"k":4}]}""", Delete("""{"i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}""", "i[].j"));
    }

    [Fact]
    public void Delete_ThroughIndex_RemovesFromThatElement()
    {
        Assert.Equal("""{"i":[{"k":2},{"j":3,"k":4}]}""", Delete("""{"i": [{"j": 1, "k": 2}, {"j": 3, "k": 4}]}""", "i[0].j"));
    }

    [Fact]
    public void Delete_EndingInWildcard_EmptiesTheArray()
    {
        Assert.Equal("""{"a":[],"b":1}""", Delete("""{"a": [1, 2], "b": 1}""", "a[]"));
    }

    [Fact]
    public void Delete_EndingInIndex_RemovesNothing()
    {
        Assert.Equal("""{"a":[1,2]}""", Delete("""{"a": [1, 2]}""", "a[0]"));
    }

    [Fact]
    public void Delete_MissingOrMismatchedPaths_AreIgnored()
    {
        Assert.Equal("""{"a":1,"b":{"c":2}}""", Delete("""{"a": 1, "b": {"c": 2}}""", "x", "a.b", "b.c.d", "b[]", "a[0].x"));
    }

    [Fact]
    public void Delete_QuotedKey_RemovesTheLiteralKey()
    {
        Assert.Equal("""{"a":{"b":2}}""", Delete("""{"a.b": 1, "a": {"b": 2}}""", "\"a.b\""));
    }

    [Fact]
    public void Delete_KeepsTheOrderOfTheOtherKeys()
    {
        Assert.Equal("""{"a":1,"c":3,"d":4}""", Delete("""{"a": 1, "b": 2, "c": 3, "d": 4}""", "b"));
    }

    [Fact]
    public void Select_All_ReturnsThePayload()
    {
        Assert.Equal(Compact(Sample), Select(Sample, PayloadSelector.All));
        Assert.Equal("{}", Kit.Compact(PayloadOps.Select(default, PayloadSelector.All)));
    }

    [Fact]
    public void Select_None_ReturnsNoPayload()
    {
        Assert.Equal(JsonValueKind.Undefined, PayloadOps.Select(Json(Sample), PayloadSelector.None).ValueKind);
    }

    [Fact]
    public void Select_IncludeTopLevelKeys()
    {
        Assert.Equal("""{"f":3,"g":["g0","g1","g2"]}""", Select(Sample, PayloadSelector.Include([Key("f"), Key("g"), Key("zz")])));
    }

    [Fact]
    public void Select_IncludeNestedPath_ReturnsNestedStructure()
    {
        Assert.Equal("""{"a":{"b":[{"c":1},{"c":2},{}]}}""", Select(Sample, PayloadSelector.Include([Key("a.b[].c")])));
        Assert.Equal("""{"x":{"y":1}}""", Select("""{"x": {"y": 1, "z": 2}, "w": 3}""", PayloadSelector.Include([Key("x.y")])));
    }

    [Fact]
    public void Select_IncludeWithoutWildcard_DoesNotReachIntoArrays()
    {
        Assert.Equal("""{"a":{"b":[]}}""", Select(Sample, PayloadSelector.Include([Key("a.b.c")])));
        Assert.Equal("""{"a":{"b":[]}}""", Select(Sample, PayloadSelector.Include([Key("a.b[0].c")])));
    }

    [Fact]
    public void Select_IncludeEmptyList_ReturnsEmptyObject()
    {
        Assert.Equal("{}", Select(Sample, PayloadSelector.Include([])));
    }

    [Fact]
    public void Select_IncludeQuotedKey_SelectsTheLiteralKey()
    {
        const string payload = """{"a.b": {"x": 1, "y": 2}, "a": {"b": 3}, "other": 3}""";
        Assert.Equal("""{"a.b":{"x":1}}""", Select(payload, PayloadSelector.Include([Key("\"a.b\".x")])));
        Assert.Equal("""{"a":{"b":3}}""", Select(payload, PayloadSelector.Include([Key("a.b")])));
    }

    [Fact]
    public void Select_ExcludeRemovesSubtrees()
    {
        Assert.Equal(
            """{"a":{"b":[{},{},{"d":{"e":3}}]},"g":["g0","g1","g2"]}""",
            Select(Sample, PayloadSelector.Exclude([Key("f"), Key("a.b[].c")])));
        Assert.Equal("""{"a.b":{"y":2},"other":3}""", Select("""{"a.b": {"x": 1, "y": 2}, "other": 3}""", PayloadSelector.Exclude([Key("\"a.b\".x")])));
    }

    [Fact]
    public void Select_ExcludeWithoutWildcard_DoesNotReachIntoArrays()
    {
        Assert.Equal(Compact(Sample), Select(Sample, PayloadSelector.Exclude([Key("a.b.c")])));
    }

    [Fact]
    public void Normalize_ResolvesDuplicateKeysAtEveryDepth()
    {
        Assert.Equal("""{"a":{"x":2},"b":[{"y":4}]}""", Kit.Compact(PayloadOps.Normalize(Json("""{"a": {"x": 1, "x": 2}, "b": [{"y": 3, "y": 4}]}"""))));
    }
}
