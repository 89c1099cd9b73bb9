using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Citadel.Common.Errors;

namespace Citadel.Storage.Payloads;

/// <summary>
/// A parsed payload key in Qdrant's syntax: dot-separated keys (<c>a.b.c</c>), keys with other characters
/// in double quotes (<c>"a.b".c</c>), <c>[]</c> for every array element and <c>[N]</c> for one
/// (<c>a[].b</c>, <c>a[0]</c>). Matches <c>lib/segment/src/json_path/{mod,parse}.rs</c>.
/// </summary>
public sealed partial class JsonPath : IEquatable<JsonPath>
{
    private readonly ImmutableArray<JsonPathItem> _rest;

    // UTF-8 forms of every key (first key at 0, then one slot per item), so lookups do not transcode per point.
    private readonly byte[]?[] _utf8Keys;
    private string? _text;
    private JsonPath? _arrayKey;

    private JsonPath(string firstKey, ImmutableArray<JsonPathItem> rest)
    {
        FirstKey = firstKey;
        _rest = rest;
        _utf8Keys = new byte[]?[rest.Length + 1];
        _utf8Keys[0] = Encoding.UTF8.GetBytes(firstKey);
        for (var i = 0; i < rest.Length; i++)
        {
            if (rest[i].Kind == JsonPathItemKind.Key)
            {
                _utf8Keys[i + 1] = Encoding.UTF8.GetBytes(rest[i].Key!);
            }
        }
    }

    /// <summary>The top-level payload key.</summary>
    public string FirstKey { get; }

    /// <summary>The steps after <see cref="FirstKey"/>.</summary>
    public ImmutableArray<JsonPathItem> Rest => _rest;

    /// <summary>The canonical text: keys quoted only when they need it, indices without leading zeros.</summary>
    public string Text => _text ??= Format();

    /// <summary>The first key alone, as a path.</summary>
    public JsonPath Head => _rest.IsEmpty ? this : new JsonPath(FirstKey, []);

    /// <summary>True when the path ends with <c>[]</c>.</summary>
    public bool HasWildcardSuffix => !_rest.IsEmpty && _rest[^1].Kind == JsonPathItemKind.Wildcard;

    /// <summary>Parses a key; throws a BadInput error naming the problem when it is malformed.</summary>
    public static JsonPath Parse(string text)
    {
        if (TryParse(text, out var path, out var error))
        {
            return path;
        }

        throw CitadelException.BadInput(error);
    }

    /// <summary>Parses a key; false when it is malformed.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out JsonPath? path) =>
        TryParse(text, out path, out _);

    /// <summary>
    /// Parses a key. On failure <paramref name="error"/> starts with Qdrant's own text,
    /// <c>Invalid json path: '…'</c>, followed by what is wrong and where.
    /// </summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? text,
        [NotNullWhen(true)] out JsonPath? path,
        [NotNullWhen(false)] out string? error)
    {
        if (text is null)
        {
            path = null;
            error = "Invalid json path: the key is missing";
            return false;
        }

        var parser = new Parser(text);
        if (parser.Run(out var firstKey, out var rest, out var reason))
        {
            path = new JsonPath(firstKey, rest);
            error = null;
            return true;
        }

        path = null;
        error = $"Invalid json path: '{text}': {reason}";
        return false;
    }

    /// <summary>A path made of one top-level key taken literally (no parsing, any characters).</summary>
    public static JsonPath FromKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new JsonPath(key, []);
    }

    /// <summary>A path from its parts.</summary>
    public static JsonPath FromParts(string firstKey, IEnumerable<JsonPathItem> rest)
    {
        ArgumentNullException.ThrowIfNull(firstKey);
        ArgumentNullException.ThrowIfNull(rest);
        return new JsonPath(firstKey, [.. rest]);
    }

    /// <summary>
    /// This path followed by <paramref name="other"/> as if <paramref name="other"/> were relative to the value
    /// here (Qdrant's <c>extend</c>): <c>a[]</c> + <c>b.c</c> is <c>a[].b.c</c>.
    /// </summary>
    public JsonPath Extend(JsonPath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var builder = ImmutableArray.CreateBuilder<JsonPathItem>(_rest.Length + 1 + other._rest.Length);
        builder.AddRange(_rest);
        builder.Add(JsonPathItem.ForKey(other.FirstKey));
        builder.AddRange(other._rest);
        return new JsonPath(FirstKey, builder.MoveToImmutable());
    }

    /// <summary>
    /// This path with <c>[]</c> appended unless it already ends with it: the key a nested filter iterates
    /// (Qdrant's <c>array_key</c>; <c>a</c> and <c>a[]</c> address the same array elements).
    /// </summary>
    public JsonPath ArrayKey() => _arrayKey ??= HasWildcardSuffix ? this : new JsonPath(FirstKey, _rest.Add(JsonPathItem.Wildcard));

    /// <summary>
    /// The root-relative path of <paramref name="inner"/>, a key used inside a nested filter on this key:
    /// <c>items</c> nested with <c>price</c> is <c>items[].price</c>.
    /// </summary>
    public JsonPath NestedKey(JsonPath inner) => ArrayKey().Extend(inner);

    /// <summary>This path without a trailing <c>[]</c>.</summary>
    public JsonPath StripWildcardSuffix() => HasWildcardSuffix ? new JsonPath(FirstKey, _rest.RemoveAt(_rest.Length - 1)) : this;

    /// <summary>
    /// The rest of this path after <paramref name="prefix"/>, when this path starts with it and continues with a key
    /// (Qdrant's <c>strip_prefix</c>); null otherwise.
    /// </summary>
    public JsonPath? StripPrefix(JsonPath prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        if (!string.Equals(FirstKey, prefix.FirstKey, StringComparison.Ordinal) || prefix._rest.Length >= _rest.Length)
        {
            return null;
        }

        for (var i = 0; i < prefix._rest.Length; i++)
        {
            if (_rest[i] != prefix._rest[i])
            {
                return null;
            }
        }

        var next = _rest[prefix._rest.Length];
        return next.Kind == JsonPathItemKind.Key
            ? new JsonPath(next.Key!, _rest.RemoveRange(0, prefix._rest.Length + 1))
            : null;
    }

    /// <inheritdoc />
    public bool Equals(JsonPath? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        return other is not null &&
            string.Equals(FirstKey, other.FirstKey, StringComparison.Ordinal) &&
            _rest.AsSpan().SequenceEqual(other._rest.AsSpan());
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as JsonPath);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(FirstKey, StringComparer.Ordinal);
        foreach (var item in _rest)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>The canonical text, see <see cref="Text"/>.</summary>
    public override string ToString() => Text;

    /// <summary>Equality operator.</summary>
    public static bool operator ==(JsonPath? left, JsonPath? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(JsonPath? left, JsonPath? right) => !(left == right);

    /// <summary>A key as it is written in a path: bare when every character is allowed bare, else in double quotes.</summary>
    internal static string FormatKey(string key) => NeedsQuoting(key) ? "\"" + key + "\"" : key;

    internal byte[] Utf8Key(int segment) => _utf8Keys[segment]!;

    private static bool NeedsQuoting(string key)
    {
        if (key.Length == 0)
        {
            return true;
        }

        foreach (var rune in key.EnumerateRunes())
        {
            if (!Parser.IsBareKeyRune(rune))
            {
                return true;
            }
        }

        return false;
    }

    private string Format()
    {
        var sb = new StringBuilder(FormatKey(FirstKey));
        foreach (var item in _rest)
        {
            sb.Append(item.ToString());
        }

        return sb.ToString();
    }
}
