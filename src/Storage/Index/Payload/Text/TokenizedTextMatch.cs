using System.Text.Json;
using Citadel.Storage.Filtering;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Index.Payload.Text;

/// <summary>Which text match a <see cref="TokenizedTextMatch"/> stands for.</summary>
internal enum TextMatchKind
{
    /// <summary><c>text</c>: every query token.</summary>
    All,

    /// <summary><c>text_any</c>: some query token.</summary>
    Any,

    /// <summary><c>phrase</c>: the query's tokens, consecutive and in order.</summary>
    Phrase,
}

/// <summary>
/// <c>text</c>, <c>text_any</c> or <c>phrase</c> on a field with a full-text index, with the index's semantics
/// (<c>inverted_index/mod.rs</c>): the point's tokens are gathered over all its strings at the key, a query without
/// tokens matches nothing, and a phrase is tokenized like a stored value and looked for in the concatenated tokens.
/// </summary>
internal sealed record TokenizedTextMatch : PointLevelMatch
{
    public TokenizedTextMatch(TextMatchKind kind, string query, TextTokenizer tokenizer)
    {
        Kind = kind;
        Query = query;
        Tokenizer = tokenizer;
        Tokens = kind == TextMatchKind.Phrase ? tokenizer.Document(query) : tokenizer.Query(query);
    }

    public TextMatchKind Kind { get; }

    public string Query { get; }

    public TextTokenizer Tokenizer { get; }

    /// <summary>Distinct query tokens (<see cref="TextMatchKind.All"/>, <see cref="TextMatchKind.Any"/>) or the phrase's tokens in order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    /// <inheritdoc />
    public override bool Matches(JsonPath key, JsonElement payload)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Tokens.Count == 0)
        {
            return false;
        }

        var document = new List<string>();
        foreach (var value in key.Values(payload))
        {
            if (value.ValueKind == JsonValueKind.String)
            {
                document.AddRange(Tokenizer.Document(value.GetString()!));
            }
        }

        switch (Kind)
        {
            case TextMatchKind.All:
                var all = new HashSet<string>(document, StringComparer.Ordinal);
                return Tokens.All(all.Contains);
            case TextMatchKind.Any:
                var any = new HashSet<string>(document, StringComparer.Ordinal);
                return Tokens.Any(any.Contains);
            default:
                return ContainsPhrase(document);
        }
    }

    private bool ContainsPhrase(List<string> document)
    {
        for (var start = 0; start + Tokens.Count <= document.Count; start++)
        {
            var i = 0;
            while (i < Tokens.Count && string.Equals(document[start + i], Tokens[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i == Tokens.Count)
            {
                return true;
            }
        }

        return false;
    }
}
