using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Citadel.Storage.Payloads;

public sealed partial class JsonPath
{
    /// <summary>
    /// Qdrant's grammar (<c>json_path/parse.rs</c>): <c>key ( "." key | "[" digits "]" | "[]" )*</c>, where a key is
    /// one or more alphanumeric, <c>_</c> or <c>-</c> characters, or a double-quoted run of anything but <c>"</c>
    /// and <c>\</c> (possibly empty). No escapes, no whitespace, and the whole text must be consumed.
    /// </summary>
    private ref struct Parser(string text)
    {
        private readonly string _text = text;
        private int _pos;

        public static bool IsBareKeyRune(Rune rune) =>
            rune.Value == '_' || rune.Value == '-' || RustUnicode.IsAlphanumeric(rune);

        public bool Run(out string firstKey, out ImmutableArray<JsonPathItem> rest, out string reason)
        {
            rest = [];
            if (_text.Length == 0)
            {
                firstKey = string.Empty;
                reason = "the key is empty";
                return false;
            }

            if (!TryKey(out firstKey, out reason))
            {
                return false;
            }

            var items = ImmutableArray.CreateBuilder<JsonPathItem>();
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                if (c == '.')
                {
                    _pos++;
                    if (!TryKey(out var key, out reason))
                    {
                        return false;
                    }

                    items.Add(JsonPathItem.ForKey(key));
                }
                else if (c == '[')
                {
                    if (!TryBracket(out var item, out reason))
                    {
                        return false;
                    }

                    items.Add(item);
                }
                else
                {
                    reason = c == '"'
                        ? $"a quoted key must follow '.' (position {_pos})"
                        : $"unexpected character '{c}' at position {_pos}";
                    return false;
                }
            }

            rest = items.ToImmutable();
            reason = string.Empty;
            return true;
        }

        private bool TryKey(out string key, out string reason)
        {
            key = string.Empty;
            if (_pos >= _text.Length)
            {
                reason = $"a key is missing at the end (position {_pos})";
                return false;
            }

            if (_text[_pos] == '"')
            {
                return TryQuotedKey(out key, out reason);
            }

            var start = _pos;
            while (_pos < _text.Length && Rune.TryGetRuneAt(_text, _pos, out var rune) && IsBareKeyRune(rune))
            {
                _pos += rune.Utf16SequenceLength;
            }

            if (_pos == start)
            {
                reason = _text[_pos] is '.' or '['
                    ? $"empty key at position {_pos}"
                    : $"unexpected character '{_text[_pos]}' at position {_pos}; quote keys that contain it";
                return false;
            }

            key = _text[start.._pos];
            reason = string.Empty;
            return true;
        }

        private bool TryQuotedKey(out string key, out string reason)
        {
            key = string.Empty;
            var open = _pos++;
            var start = _pos;
            while (_pos < _text.Length && _text[_pos] != '"')
            {
                if (_text[_pos] == '\\')
                {
                    reason = $"quoted keys cannot contain '\\' (position {_pos})";
                    return false;
                }

                _pos++;
            }

            if (_pos >= _text.Length)
            {
                reason = $"unclosed quote starting at position {open}";
                return false;
            }

            key = _text[start.._pos];
            _pos++;
            reason = string.Empty;
            return true;
        }

        private bool TryBracket(out JsonPathItem item, out string reason)
        {
            item = default;
            var open = _pos++;
            if (_pos < _text.Length && _text[_pos] == ']')
            {
                _pos++;
                item = JsonPathItem.Wildcard;
                reason = string.Empty;
                return true;
            }

            var start = _pos;
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
            {
                _pos++;
            }

            if (_pos == start)
            {
                reason = _pos >= _text.Length
                    ? $"unclosed '[' at position {open}"
                    : $"expected an array index or ']' at position {_pos}";
                return false;
            }

            if (_pos >= _text.Length || _text[_pos] != ']')
            {
                reason = _pos >= _text.Length
                    ? $"unclosed '[' at position {open}"
                    : $"expected ']' at position {_pos}";
                return false;
            }

            if (!ulong.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                reason = $"array index at position {start} is too large";
                return false;
            }

            _pos++;
            item = JsonPathItem.ForIndex(index);
            reason = string.Empty;
            return true;
        }
    }
}
