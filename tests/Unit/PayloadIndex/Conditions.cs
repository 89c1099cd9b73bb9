using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;

namespace Citadel.Tests.Unit.PayloadIndex;

/// <summary>Short builders for the conditions the index tests use.</summary>
internal static class Conditions
{
    public static Filter Must(params Condition[] conditions) => Filter.MustAll(conditions);

    public static FieldCondition Field(string key) => new(JsonPath.Parse(key));

    public static FieldCondition Keyword(string key, string value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition Integer(string key, long value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition Bool(string key, bool value) => Field(key) with { Match = new MatchValue(MatchScalar.Of(value)) };

    public static FieldCondition Any(string key, params string[] values) => Field(key) with { Match = new MatchAny([.. values.Select(MatchScalar.Of)]) };

    public static FieldCondition Any(string key, params long[] values) => Field(key) with { Match = new MatchAny([.. values.Select(MatchScalar.Of)]) };

    public static FieldCondition Range(string key, double? gte = null, double? lt = null, double? gt = null, double? lte = null) =>
        Field(key) with { Range = new NumericRange(lt, gt, gte, lte) };

    public static FieldCondition Dates(string key, string? gte = null, string? lt = null) =>
        Field(key) with { DatetimeRange = new DatetimeRange(lt is null ? null : DateTimeOffset.Parse(lt, System.Globalization.CultureInfo.InvariantCulture), null, gte is null ? null : DateTimeOffset.Parse(gte, System.Globalization.CultureInfo.InvariantCulture), null) };

    public static FieldCondition Text(string key, string text) => Field(key) with { Match = new MatchText(text) };

    public static FieldCondition TextAny(string key, string text) => Field(key) with { Match = new MatchTextAny(text) };

    public static FieldCondition Phrase(string key, string text) => Field(key) with { Match = new MatchPhrase(text) };

    public static FieldCondition Prefix(string key, string prefix) => Field(key) with { Match = new MatchPrefix(prefix) };
}
