using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Every number as a double: serves ranges and <c>order_by</c> (values reported as floats, as Qdrant's float index
/// does); an integer match is narrowed to the numbers equal to it, which the evaluator then checks for integer form.
/// </summary>
internal sealed class FloatFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<double>(field, Comparer<double>.Default, EqualityComparer<double>.Default), IOrderSource
{
    public IEnumerable<OrderedValue> Ordered(bool descending, double? startFrom)
    {
        var range = startFrom is not { } start
            ? KeyRange<double>.All
            : descending ? new KeyRange<double>(_ => true, d => d <= start) : new KeyRange<double>(d => d >= start, _ => true);
        foreach (var (key, offset) in Store.Ordered(range, descending))
        {
            yield return new OrderedValue(key, false, offset);
        }
    }

    protected override void Extract(JsonElement value, List<double> keys)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var d))
        {
            // -0 and 0 are one key, as they are one value to every comparison.
            keys.Add(d + 0.0);
        }
    }

    protected override bool AddRange(NumericRange range, CandidateSet into)
    {
        Store.AddRange(new KeyRange<double>(d => IntegerFieldIndex.AtOrAboveLower(range, d), d => IntegerFieldIndex.AtOrBelowUpper(range, d)), into);
        return true;
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        switch (match)
        {
            case MatchValue { Value.Kind: MatchScalarKind.Integer } m:
                Store.AddKey(m.Value.Integer, into);
                return true;
            case MatchAny m when m.Values.All(v => v.Kind == MatchScalarKind.Integer):
                foreach (var v in m.Values)
                {
                    Store.AddKey(v.Integer, into);
                }

                return true;
            default:
                return false;
        }
    }

    // 1.0 is a candidate for `match: 1` but does not match it.
    protected override bool ExactMatch(Match match) => false;
}
