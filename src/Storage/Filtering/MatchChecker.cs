using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Citadel.Storage.Filtering;

/// <summary>
/// Tests one payload value (arrays already unpacked by the caller) against a <see cref="Match"/>, as
/// <c>impl ValueChecker for Match</c> in <c>lib/segment/src/payload_storage/condition_checker.rs</c>.
/// </summary>
internal static class MatchChecker
{
    // Qdrant's INDEXSET_ITER_THRESHOLD: below it a scan beats hashing.
    private const int ScanLimit = 13;
    private const int StackLimit = 256;

    private static readonly ConditionalWeakTable<IReadOnlyList<MatchScalar>, ScalarSet> Sets = [];

    public static bool Check(Match match, JsonElement value) => match switch
    {
        MatchValue m => EqualsScalar(m.Value, value),
        MatchAny m => value.ValueKind is JsonValueKind.String or JsonValueKind.Number && ContainsValue(m.Values, value),
        MatchExcept m => Except(m.Values, value),
        MatchText m => value.ValueKind == JsonValueKind.String && TextMatcher.All(m.Text, value.GetString()!),
        MatchTextAny m => value.ValueKind == JsonValueKind.String && TextMatcher.Any(m.Text, value.GetString()!),
        MatchPhrase m => value.ValueKind == JsonValueKind.String && TextMatcher.Phrase(m.Phrase, value.GetString()!),
        MatchPrefix m => value.ValueKind == JsonValueKind.String && StartsWith(value, m.Prefix),
        _ => false,
    };

    // Integers match only numbers written without fraction or exponent that fit in i64 (serde's as_i64), so 1.0
    // is not 1; booleans and keywords match only their own kind.
    private static bool EqualsScalar(MatchScalar scalar, JsonElement value) => scalar.Kind switch
    {
        MatchScalarKind.Keyword => value.ValueKind == JsonValueKind.String && value.ValueEquals(scalar.Text),
        MatchScalarKind.Integer => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n == scalar.Integer,
        MatchScalarKind.Bool => value.ValueKind == (scalar.Boolean ? JsonValueKind.True : JsonValueKind.False),
        _ => false,
    };

    // `except`: a null is no value and never matches; a string or integer matches when it is not listed; any
    // other value (bool, float, nested array, object) matches, since it cannot equal a keyword or integer.
    private static bool Except(IReadOnlyList<MatchScalar> values, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => false,
        JsonValueKind.String => !ContainsValue(values, value),
        JsonValueKind.Number => !value.TryGetInt64(out _) || !ContainsValue(values, value),
        _ => true,
    };

    // True when a string or integer value equals one of the listed scalars of its own kind.
    private static bool ContainsValue(IReadOnlyList<MatchScalar> values, JsonElement value)
    {
        var isString = value.ValueKind == JsonValueKind.String;
        long number = 0;
        if (!isString && !value.TryGetInt64(out number))
        {
            return false;
        }

        if (values.Count < ScanLimit)
        {
            for (var i = 0; i < values.Count; i++)
            {
                var scalar = values[i];
                if (isString
                    ? scalar.Kind == MatchScalarKind.Keyword && value.ValueEquals(scalar.Text)
                    : scalar.Kind == MatchScalarKind.Integer && scalar.Integer == number)
                {
                    return true;
                }
            }

            return false;
        }

        var set = Sets.GetValue(values, static v => new ScalarSet(v));
        return isString ? set.ContainsKeyword(value) : set.Integers.Contains(number);
    }

    private static bool StartsWith(JsonElement value, string prefix)
    {
        if (!JsonStrings.TryGetUnescapedUtf8(value, out var stored) || prefix.Length > StackLimit)
        {
            return value.GetString()!.StartsWith(prefix, StringComparison.Ordinal);
        }

        // Byte-wise on UTF-8, like Qdrant; for valid text that is the same as character-wise.
        Span<byte> wanted = stackalloc byte[StackLimit * 3];
        return Encoding.UTF8.TryGetBytes(prefix, wanted, out var written)
            ? stored.StartsWith(wanted[..written])
            : value.GetString()!.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>Hash sets over a long <c>any</c>/<c>except</c> list, built once per list.</summary>
    private sealed class ScalarSet
    {
        private readonly HashSet<string> _keywords = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _keywordLookup;

        public ScalarSet(IReadOnlyList<MatchScalar> values)
        {
            foreach (var scalar in values)
            {
                if (scalar.Kind == MatchScalarKind.Keyword)
                {
                    _keywords.Add(scalar.Text!);
                }
                else if (scalar.Kind == MatchScalarKind.Integer)
                {
                    Integers.Add(scalar.Integer);
                }
            }

            _keywordLookup = _keywords.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public HashSet<long> Integers { get; } = [];

        public bool ContainsKeyword(JsonElement value)
        {
            if (JsonStrings.TryGetUnescapedUtf8(value, out var utf8) && utf8.Length <= StackLimit)
            {
                Span<char> chars = stackalloc char[StackLimit];
                var count = Encoding.UTF8.GetChars(utf8, chars);
                return _keywordLookup.Contains(chars[..count]);
            }

            return _keywords.Contains(value.GetString()!);
        }
    }
}
