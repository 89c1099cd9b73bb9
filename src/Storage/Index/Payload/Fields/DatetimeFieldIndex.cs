using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Date-time strings as instants (UTC ticks), parsed exactly as the evaluator parses them: serves date-time ranges and
/// <c>order_by</c>, which reports epoch microseconds as integers like Qdrant.
/// </summary>
internal sealed class DatetimeFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<long>(field, Comparer<long>.Default, EqualityComparer<long>.Default), IOrderSource
{
    public IEnumerable<OrderedValue> Ordered(bool descending, double? startFrom)
    {
        var range = startFrom is not { } start
            ? KeyRange<long>.All
            : descending ? new KeyRange<long>(_ => true, t => Micros(t) <= start) : new KeyRange<long>(t => Micros(t) >= start, _ => true);
        foreach (var (key, offset) in Store.Ordered(range, descending))
        {
            yield return new OrderedValue(Micros(key), true, offset);
        }
    }

    protected override void Extract(JsonElement value, List<long> keys)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return;
        }

        DateTimeOffset instant;
        var parsed = JsonStrings.TryGetUnescapedUtf8(value, out var utf8)
            ? QdrantDateTime.TryParse(utf8, out instant)
            : QdrantDateTime.TryParse(value.GetString(), out instant);
        if (parsed)
        {
            keys.Add(instant.UtcTicks);
        }
    }

    protected override bool AddDatetimeRange(DatetimeRange range, CandidateSet into)
    {
        Store.AddRange(new KeyRange<long>(t => AtOrAboveLower(range, t), t => AtOrBelowUpper(range, t)), into);
        return true;
    }

    private static long Micros(long ticks) => (ticks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static bool AtOrAboveLower(DatetimeRange range, long ticks) =>
        (range.Gt is not { } gt || ticks > gt.UtcTicks) && (range.Gte is not { } gte || ticks >= gte.UtcTicks);

    private static bool AtOrBelowUpper(DatetimeRange range, long ticks) =>
        (range.Lt is not { } lt || ticks < lt.UtcTicks) && (range.Lte is not { } lte || ticks <= lte.UtcTicks);
}
