using System.Runtime.CompilerServices;
using System.Text;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Filtering;

/// <summary>
/// <c>text</c>, <c>text_any</c> and <c>phrase</c> on a field without a full-text index. Since Qdrant 1.19.1
/// (qdrant#10341; #10526 for <c>text_any</c>) both sides go through the default word tokenizer (split on
/// characters that are not alphanumeric, lower-cased) and tokens match whole, not as substrings:
/// <c>text</c> needs every query token in the value, <c>text_any</c> one of them, <c>phrase</c> all of them
/// consecutively and in order. A query without tokens matches nothing.
/// </summary>
internal static class TextMatcher
{
    private static readonly ConditionalWeakTable<string, string[]> QueryTokens = [];

    public static bool All(string query, string stored)
    {
        var wanted = TokensOf(query);
        if (wanted.Length == 0)
        {
            return false;
        }

        var have = new HashSet<string>(Tokenize(stored), StringComparer.Ordinal);
        foreach (var token in wanted)
        {
            if (!have.Contains(token))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Any(string query, string stored)
    {
        var wanted = TokensOf(query);
        if (wanted.Length == 0)
        {
            return false;
        }

        var have = new HashSet<string>(Tokenize(stored), StringComparer.Ordinal);
        foreach (var token in wanted)
        {
            if (have.Contains(token))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Phrase(string query, string stored)
    {
        var wanted = TokensOf(query);
        if (wanted.Length == 0)
        {
            return false;
        }

        var have = Tokenize(stored);
        for (var start = 0; start + wanted.Length <= have.Count; start++)
        {
            var i = 0;
            while (i < wanted.Length && string.Equals(have[start + i], wanted[i], StringComparison.Ordinal))
            {
                i++;
            }

            if (i == wanted.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Qdrant's word tokenizer with its default settings: alphanumeric runs, lower-cased.</summary>
    public static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var start = -1;
        var pos = 0;
        while (pos < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(pos), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            if (RustUnicode.IsAlphanumeric(rune))
            {
                if (start < 0)
                {
                    start = pos;
                }
            }
            else if (start >= 0)
            {
                tokens.Add(text[start..pos].ToLowerInvariant());
                start = -1;
            }

            pos += Math.Max(length, 1);
        }

        if (start >= 0)
        {
            tokens.Add(text[start..].ToLowerInvariant());
        }

        return tokens;
    }

    private static string[] TokensOf(string query) => QueryTokens.GetValue(query, static q => [.. Tokenize(q)]);
}
