namespace Citadel.Storage.Index.Payload.Schema;

/// <summary>
/// Qdrant's <c>PayloadSchemaParams</c>: a payload index type with its options, kept exactly as given so that
/// <c>payload_schema</c> shows them back. Options that only steer Qdrant's storage (<c>on_disk</c>, <c>memory</c>,
/// <c>enable_hnsw</c>, <c>is_tenant</c>, <c>is_principal</c>) are accepted and kept; Citadel holds every index in memory.
/// </summary>
public abstract record PayloadIndexParams
{
    /// <summary>The index type these options belong to.</summary>
    public abstract PayloadSchemaType Type { get; }

    /// <summary>Deprecated storage hint.</summary>
    public bool? OnDisk { get; init; }

    /// <summary><c>cold</c>, <c>cached</c> or <c>pinned</c>.</summary>
    public string? Memory { get; init; }

    /// <summary>Extra HNSW links for this field (Qdrant's <c>payload_m</c>).</summary>
    public bool? EnableHnsw { get; init; }
}

/// <summary><c>KeywordIndexParams</c>.</summary>
public sealed record KeywordIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Keyword;

    /// <summary>Tenant optimisation hint.</summary>
    public bool? IsTenant { get; init; }

    /// <summary>Prefix matching enabled.</summary>
    public bool? Prefix { get; init; }
}

/// <summary><c>IntegerIndexParams</c>: <see cref="Lookup"/> serves exact matches (and facets), <see cref="Range"/> ranges and <c>order_by</c>.</summary>
public sealed record IntegerIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Integer;

    /// <summary>Direct lookups; default true.</summary>
    public bool? Lookup { get; init; }

    /// <summary>Range filters; default true.</summary>
    public bool? Range { get; init; }

    /// <summary>Storage organisation hint.</summary>
    public bool? IsPrincipal { get; init; }
}

/// <summary><c>FloatIndexParams</c>.</summary>
public sealed record FloatIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Float;

    /// <summary>Storage organisation hint.</summary>
    public bool? IsPrincipal { get; init; }
}

/// <summary><c>GeoIndexParams</c>.</summary>
public sealed record GeoIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Geo;
}

/// <summary><c>BoolIndexParams</c>.</summary>
public sealed record BoolIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Bool;
}

/// <summary><c>DatetimeIndexParams</c>.</summary>
public sealed record DatetimeIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Datetime;

    /// <summary>Storage organisation hint.</summary>
    public bool? IsPrincipal { get; init; }
}

/// <summary><c>UuidIndexParams</c>.</summary>
public sealed record UuidIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Uuid;

    /// <summary>Tenant optimisation hint.</summary>
    public bool? IsTenant { get; init; }
}

/// <summary>Qdrant's <c>TokenizerType</c>.</summary>
public enum TokenizerKind
{
    /// <summary>Every prefix of every word is a token (search-as-you-type).</summary>
    Prefix,

    /// <summary>Split on Unicode white space.</summary>
    Whitespace,

    /// <summary>Split on anything that is not alphanumeric (the default).</summary>
    Word,

    /// <summary>Language-aware segmentation.</summary>
    Multilingual,
}

/// <summary><c>TextIndexParams</c>.</summary>
public sealed record TextIndexParams : PayloadIndexParams
{
    /// <inheritdoc />
    public override PayloadSchemaType Type => PayloadSchemaType.Text;

    /// <summary>How strings are split into tokens; Qdrant always shows it (default <c>word</c>).</summary>
    public TokenizerKind Tokenizer { get; init; } = TokenizerKind.Word;

    /// <summary>Shorter tokens are dropped.</summary>
    public int? MinTokenLen { get; init; }

    /// <summary>Longer tokens are dropped (the prefix tokenizer stops there instead).</summary>
    public int? MaxTokenLen { get; init; }

    /// <summary>Lower-case tokens; default true.</summary>
    public bool? Lowercase { get; init; }

    /// <summary>Fold accented letters to ASCII.</summary>
    public bool? AsciiFolding { get; init; }

    /// <summary>Keep token positions for phrase matching.</summary>
    public bool? PhraseMatching { get; init; }

    /// <summary>Stop-word lists by language.</summary>
    public IReadOnlyList<string>? StopwordLanguages { get; init; }

    /// <summary>Custom stop words.</summary>
    public IReadOnlyList<string>? StopwordsCustom { get; init; }

    /// <summary>True when <c>stopwords</c> was given as a single language name rather than a set.</summary>
    public bool StopwordsAsLanguage { get; init; }

    /// <summary>Snowball stemmer language, when stemming is on.</summary>
    public string? StemmerLanguage { get; init; }
}
