using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Strings, sorted ordinally: serves <c>match: value</c> and <c>any</c> with keywords, and <c>prefix</c> (the strings
/// starting with a prefix are one run of the sorted keys), and facets.
/// </summary>
internal sealed class KeywordFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<string>(field, StringComparer.Ordinal, StringComparer.Ordinal), IFacetSource
{
    public void CountFacets(Func<int, bool> include, Action<FacetValue, int> emit) =>
        Store.CountPerKey(include, (key, n) => emit(FacetValue.OfKeyword(key), n));

    protected override void Extract(JsonElement value, List<string> keys)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            keys.Add(value.GetString()!);
        }
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        switch (match)
        {
            case MatchValue { Value.Kind: MatchScalarKind.Keyword } m:
                Store.AddKey(m.Value.Text!, into);
                return true;
            case MatchAny m when m.Values.All(v => v.Kind == MatchScalarKind.Keyword):
                // An integer in the list could match integer values, which this index does not hold.
                foreach (var v in m.Values)
                {
                    Store.AddKey(v.Text!, into);
                }

                return true;
            case MatchPrefix m:
                var prefix = m.Prefix;
                Store.AddRange(new KeyRange<string>(k => string.CompareOrdinal(k, prefix) >= 0, k => k.StartsWith(prefix, StringComparison.Ordinal)), into);
                return true;
            default:
                return false;
        }
    }
}
