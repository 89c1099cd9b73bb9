using System.Text;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Index.Payload.Text;

/// <summary>
/// The tokenizers of Qdrant's full-text index (<c>full_text_index/tokenizers/mod.rs</c>, <c>tokens_processor.rs</c>):
/// <c>word</c> splits on characters that are not alphanumeric, <c>whitespace</c> on white space, and <c>prefix</c>
/// indexes every prefix of each word (from <c>min_token_len</c>, up to <c>max_token_len</c>) while a query keeps whole
/// words cut to <c>max_token_len</c>. Each token is lower-cased (unless <c>lowercase: false</c>), dropped when it is a
/// stop word, then dropped when shorter than <c>min_token_len</c> or longer than <c>max_token_len</c> characters.
/// </summary>
internal sealed class TextTokenizer
{
    private readonly TokenizerKind _kind;
    private readonly bool _lowercase;
    private readonly int? _minLength;
    private readonly int? _maxLength;
    private readonly HashSet<string> _stopwords;

    public TextTokenizer(TextIndexParams? parameters)
    {
        _kind = parameters?.Tokenizer ?? TokenizerKind.Word;
        _lowercase = parameters?.Lowercase ?? true;
        _minLength = parameters?.MinTokenLen;
        _maxLength = parameters?.MaxTokenLen;
        _stopwords = new HashSet<string>(
            (parameters?.StopwordsCustom ?? []).Select(w => _lowercase ? w.ToLowerInvariant() : w),
            StringComparer.Ordinal);
    }

    /// <summary>The tokens of a stored value, in order (repeats kept, for phrases).</summary>
    public List<string> Document(string text)
    {
        var tokens = new List<string>();
        if (_kind == TokenizerKind.Prefix)
        {
            foreach (var word in Split(text, whitespace: false))
            {
                if (Process(word, checkMax: false) is { } token)
                {
                    AddPrefixes(token, tokens);
                }
            }

            return tokens;
        }

        foreach (var word in Split(text, _kind == TokenizerKind.Whitespace))
        {
            if (Process(word, checkMax: true) is { } token)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>The tokens of a <c>text</c> or <c>text_any</c> query, distinct.</summary>
    public List<string> Query(string text)
    {
        if (_kind != TokenizerKind.Prefix)
        {
            return [.. Document(text).Distinct(StringComparer.Ordinal)];
        }

        // Whole words, cut to the longest indexed prefix; stop words are kept so that a partial word still searches.
        var tokens = new List<string>();
        foreach (var word in Split(text, whitespace: false))
        {
            if (word.Length == 0)
            {
                continue;
            }

            var token = _lowercase ? word.ToLowerInvariant() : word;
            var length = RuneCount(token);
            if (_minLength is { } min && length < min)
            {
                continue;
            }

            tokens.Add(_maxLength is { } max && length > max ? Cut(token, max) : token);
        }

        return [.. tokens.Distinct(StringComparer.Ordinal)];
    }

    private string? Process(string word, bool checkMax)
    {
        if (word.Length == 0)
        {
            return null;
        }

        var token = _lowercase ? word.ToLowerInvariant() : word;
        if (_stopwords.Contains(token))
        {
            return null;
        }

        var length = RuneCount(token);
        return (_minLength is { } min && length < min) || (checkMax && _maxLength is { } max && length > max) ? null : token;
    }

    private void AddPrefixes(string word, List<string> into)
    {
        var length = RuneCount(word);
        var max = _maxLength ?? int.MaxValue;
        for (var n = _minLength ?? 1; n <= max; n++)
        {
            if (n >= length)
            {
                into.Add(word);
                return;
            }

            into.Add(Cut(word, n));
        }
    }

    private static IEnumerable<string> Split(string text, bool whitespace)
    {
        var start = 0;
        var pos = 0;
        while (pos < text.Length)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(pos), out var rune, out var length) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            var separator = whitespace ? Rune.IsWhiteSpace(rune) : !RustUnicode.IsAlphanumeric(rune);
            length = Math.Max(length, 1);
            if (separator)
            {
                if (pos > start || !whitespace)
                {
                    yield return text[start..pos];
                }

                start = pos + length;
            }

            pos += length;
        }

        yield return text[start..];
    }

    private static int RuneCount(string s)
    {
        var count = 0;
        foreach (var _ in s.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static string Cut(string s, int runes)
    {
        var end = 0;
        var seen = 0;
        foreach (var rune in s.EnumerateRunes())
        {
            if (seen++ == runes)
            {
                break;
            }

            end += rune.Utf16SequenceLength;
        }

        return s[..end];
    }
}
