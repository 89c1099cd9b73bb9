namespace Citadel.Storage.Payloads;

/// <summary>Kinds of <see cref="JsonPathItem"/>.</summary>
public enum JsonPathItemKind
{
    /// <summary><c>.key</c>: a property of an object.</summary>
    Key,

    /// <summary><c>[N]</c>: one element of an array.</summary>
    Index,

    /// <summary><c>[]</c>: every element of an array.</summary>
    Wildcard,
}

/// <summary>One step after the first key of a <see cref="JsonPath"/>: <c>.key</c>, <c>[N]</c> or <c>[]</c>.</summary>
public readonly struct JsonPathItem : IEquatable<JsonPathItem>
{
    private JsonPathItem(JsonPathItemKind kind, string? key, ulong index)
    {
        Kind = kind;
        Key = key;
        Index = index;
    }

    /// <summary>The step every array element takes, <c>[]</c>.</summary>
    public static JsonPathItem Wildcard { get; } = new(JsonPathItemKind.Wildcard, null, 0);

    /// <summary>Which step this is.</summary>
    public JsonPathItemKind Kind { get; }

    /// <summary>The property name, for <see cref="JsonPathItemKind.Key"/>.</summary>
    public string? Key { get; }

    /// <summary>The array position, for <see cref="JsonPathItemKind.Index"/>.</summary>
    public ulong Index { get; }

    /// <summary>A <c>.key</c> step.</summary>
    public static JsonPathItem ForKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(JsonPathItemKind.Key, key, 0);
    }

    /// <summary>A <c>[N]</c> step.</summary>
    public static JsonPathItem ForIndex(ulong index) => new(JsonPathItemKind.Index, null, index);

    /// <inheritdoc />
    public bool Equals(JsonPathItem other) => Kind == other.Kind && Kind switch
    {
        JsonPathItemKind.Key => string.Equals(Key, other.Key, StringComparison.Ordinal),
        JsonPathItemKind.Index => Index == other.Index,
        _ => true,
    };

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JsonPathItem other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        JsonPathItemKind.Key => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode(Key!)),
        JsonPathItemKind.Index => HashCode.Combine(Kind, Index),
        _ => (int)Kind,
    };

    /// <summary>The step as it is written after the previous one: <c>.key</c>, <c>[N]</c> or <c>[]</c>.</summary>
    public override string ToString() => Kind switch
    {
        JsonPathItemKind.Key => "." + JsonPath.FormatKey(Key!),
        JsonPathItemKind.Index => "[" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
        _ => "[]",
    };

    /// <summary>Equality operator.</summary>
    public static bool operator ==(JsonPathItem left, JsonPathItem right) => left.Equals(right);

    /// <summary>Inequality operator.</summary>
    public static bool operator !=(JsonPathItem left, JsonPathItem right) => !left.Equals(right);
}
