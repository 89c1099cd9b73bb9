using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Tests.Unit.Filtering;

/// <summary>A point for filter tests: an id, a payload and a set of vector names.</summary>
internal readonly struct TestPoint(PointId id, JsonElement payload, params string[] vectors) : IPointFacts
{
    public PointId Id { get; } = id;

    public JsonElement Payload { get; } = payload;

    public bool HasVector(string name) => Array.IndexOf(vectors, name) >= 0;
}

/// <summary>Short builders for filters, conditions and payloads.</summary>
internal static class Kit
{
    public static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The element as compact JSON with non-ASCII characters left as they are.</summary>
    public static string Compact(JsonElement element) => JsonSerializer.Serialize(element, CompactOptions);

    public static TestPoint Point(string payload, ulong id = 1, params string[] vectors) =>
        new(PointId.FromNum(id), Json(payload), vectors);

    public static bool Matches(Filter filter, string payload, ulong id = 1) =>
        FilterEvaluator.Matches(filter, Point(payload, id));

    public static bool Matches(Condition condition, string payload, ulong id = 1) =>
        Matches(Filter.MustAll(condition), payload, id);

    public static JsonPath Key(string key) => JsonPath.Parse(key);

    public static FieldCondition Field(string key) => new(Key(key));

    public static FieldCondition Value(string key, string value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition Value(string key, long value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition Value(string key, bool value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition WithMatch(string key, Match match) => Field(key) with { Match = match };

    public static FieldCondition Range(string key, double? gt = null, double? gte = null, double? lt = null, double? lte = null) =>
        Field(key) with { Range = new NumericRange(lt, gt, gte, lte) };

    public static Filter Should(params Condition[] conditions) => new([], conditions, [], null);

    public static Filter MustNot(params Condition[] conditions) => new([], [], conditions, null);

    public static Filter MinShould(int count, params Condition[] conditions) => new([], [], [], new MinShould(conditions, count));
}
