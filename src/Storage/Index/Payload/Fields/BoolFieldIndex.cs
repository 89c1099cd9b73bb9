using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>Booleans: serves <c>match: true/false</c> and facets.</summary>
internal sealed class BoolFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<bool>(field, Comparer<bool>.Default, EqualityComparer<bool>.Default), IFacetSource
{
    public void CountFacets(Func<int, bool> include, Action<FacetValue, int> emit) =>
        Store.CountPerKey(include, (key, n) => emit(FacetValue.OfBool(key), n));

    protected override void Extract(JsonElement value, List<bool> keys)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            keys.Add(value.ValueKind == JsonValueKind.True);
        }
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        if (match is MatchValue { Value.Kind: MatchScalarKind.Bool } m)
        {
            Store.AddKey(m.Value.Boolean, into);
            return true;
        }

        return false;
    }
}
