using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// UUID strings as 128-bit values (16 bytes a key instead of a 36-character string). A keyword match compares strings
/// exactly, so the index only narrows to the strings that parse to the same UUID; facets report the parsed UUID.
/// </summary>
internal sealed class UuidFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<Guid>(field, Comparer<Guid>.Default, EqualityComparer<Guid>.Default), IFacetSource
{
    public void CountFacets(Func<int, bool> include, Action<FacetValue, int> emit) =>
        Store.CountPerKey(include, (key, n) => emit(FacetValue.OfUuid(key), n));

    protected override void Extract(JsonElement value, List<Guid> keys)
    {
        if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var uuid))
        {
            keys.Add(uuid);
        }
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        switch (match)
        {
            case MatchValue { Value.Kind: MatchScalarKind.Keyword } m when Guid.TryParse(m.Value.Text, out var uuid):
                Store.AddKey(uuid, into);
                return true;
            case MatchAny m when m.Values.All(v => v.Kind == MatchScalarKind.Keyword && Guid.TryParse(v.Text, out _)):
                foreach (var v in m.Values)
                {
                    Store.AddKey(Guid.Parse(v.Text!), into);
                }

                return true;
            default:
                return false;
        }
    }

    // Another spelling of the same UUID (upper case, braces) is a candidate but not an exact match.
    protected override bool ExactMatch(Match match) => false;
}
