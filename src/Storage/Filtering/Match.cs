namespace Citadel.Storage.Filtering;

/// <summary>A match test on a payload value.</summary>
public abstract record Match;

/// <summary>A scalar a filter compares against: string, integer or bool.</summary>
public readonly record struct MatchScalar
{
    private MatchScalar(string? text, long integer, bool boolean, MatchScalarKind kind)
    {
        Text = text;
        Integer = integer;
        Boolean = boolean;
        Kind = kind;
    }

    /// <summary>Which of the values is set.</summary>
    public MatchScalarKind Kind { get; }

    /// <summary>The keyword, when <see cref="Kind"/> is <see cref="MatchScalarKind.Keyword"/>.</summary>
    public string? Text { get; }

    /// <summary>The integer, when <see cref="Kind"/> is <see cref="MatchScalarKind.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The boolean, when <see cref="Kind"/> is <see cref="MatchScalarKind.Bool"/>.</summary>
    public bool Boolean { get; }

    /// <summary>A keyword value.</summary>
    public static MatchScalar Of(string text) => new(text, 0, false, MatchScalarKind.Keyword);

    /// <summary>An integer value.</summary>
    public static MatchScalar Of(long integer) => new(null, integer, false, MatchScalarKind.Integer);

    /// <summary>A boolean value.</summary>
    public static MatchScalar Of(bool boolean) => new(null, 0, boolean, MatchScalarKind.Bool);
}

/// <summary>Kinds of <see cref="MatchScalar"/>.</summary>
public enum MatchScalarKind
{
    /// <summary>A string.</summary>
    Keyword,

    /// <summary>A 64-bit integer.</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Bool,
}

/// <summary><c>{"value": …}</c>: a value equals the scalar exactly.</summary>
public sealed record MatchValue(MatchScalar Value) : Match;

/// <summary><c>{"any": [...]}</c>: a value equals one of the keywords or integers.</summary>
public sealed record MatchAny(IReadOnlyList<MatchScalar> Values) : Match;

/// <summary><c>{"except": [...]}</c>: some value is present and equals none of the given ones.</summary>
public sealed record MatchExcept(IReadOnlyList<MatchScalar> Values) : Match;

/// <summary><c>{"text": "…"}</c>: full-text match, every token of the query occurs in the value.</summary>
public sealed record MatchText(string Text) : Match;

/// <summary><c>{"text_any": "…"}</c>: at least one token of the query occurs in the value.</summary>
public sealed record MatchTextAny(string Text) : Match;

/// <summary><c>{"phrase": "…"}</c>: the query's tokens occur consecutively in the value.</summary>
public sealed record MatchPhrase(string Phrase) : Match;

/// <summary><c>{"prefix": "…"}</c>: a keyword value starts with the string (ordinal, case-sensitive).</summary>
public sealed record MatchPrefix(string Prefix) : Match;
