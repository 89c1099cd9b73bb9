using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Index.Payload.Stores;
using Citadel.Storage.Index.Payload.Text;

namespace Citadel.Storage.Index.Payload.Fields;

/// <summary>
/// Full text: each point's tokens (over all its strings) with a posting list per token. Serves the
/// <see cref="TokenizedTextMatch"/>es that filters on this field are rewritten to: <c>text</c> intersects the query
/// tokens' postings, <c>text_any</c> unites them, <c>phrase</c> intersects them and leaves word order to the evaluator.
/// </summary>
internal sealed class TextFieldIndex(PayloadIndexField field)
    : SingleStoreIndex<string>(field, StringComparer.Ordinal, StringComparer.Ordinal)
{
    private readonly TextTokenizer _tokenizer = new(field.Schema.Params as TextIndexParams);

    protected override void Extract(JsonElement value, List<string> keys)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            keys.AddRange(_tokenizer.Document(value.GetString()!));
        }
    }

    protected override bool AddMatch(Match match, CandidateSet into)
    {
        if (match is not TokenizedTextMatch text)
        {
            return false;
        }

        var tokens = text.Tokens.Distinct(StringComparer.Ordinal).ToList();
        if (tokens.Count == 0)
        {
            return true;
        }

        if (text.Kind == TextMatchKind.Any)
        {
            foreach (var token in tokens)
            {
                Store.AddKey(token, into);
            }

            return true;
        }

        Store.AddKey(tokens[0], into);
        foreach (var token in tokens.Skip(1))
        {
            var next = new CandidateSet(into.Capacity);
            Store.AddKey(token, next);
            into.IntersectWith(next);
        }

        return true;
    }

    protected override bool ExactMatch(Match match) => match is TokenizedTextMatch { Kind: not TextMatchKind.Phrase };
}
