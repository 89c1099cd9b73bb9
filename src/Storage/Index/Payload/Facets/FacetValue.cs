namespace Citadel.Storage.Index.Payload.Facets;

/// <summary>Kinds of <see cref="FacetValue"/>, in Qdrant's order (values of an earlier kind sort first).</summary>
public enum FacetValueKind
{
    /// <summary>A string from a keyword index.</summary>
    Keyword,

    /// <summary>An integer from an integer index.</summary>
    Integer,

    /// <summary>A UUID from a uuid index (shown as its hyphenated string).</summary>
    Uuid,

    /// <summary>A boolean from a bool index.</summary>
    Bool,
}

/// <summary>One distinct value of a faceted field (Qdrant's <c>FacetValue</c>).</summary>
public readonly record struct FacetValue
{
    private FacetValue(FacetValueKind kind, string? keyword, long integer, Guid uuid, bool boolean)
    {
        Kind = kind;
        Keyword = keyword;
        Integer = integer;
        Uuid = uuid;
        Bool = boolean;
    }

    /// <summary>Which value is set.</summary>
    public FacetValueKind Kind { get; }

    /// <summary>The string, for <see cref="FacetValueKind.Keyword"/>.</summary>
    public string? Keyword { get; }

    /// <summary>The integer, for <see cref="FacetValueKind.Integer"/>.</summary>
    public long Integer { get; }

    /// <summary>The UUID, for <see cref="FacetValueKind.Uuid"/>.</summary>
    public Guid Uuid { get; }

    /// <summary>The boolean, for <see cref="FacetValueKind.Bool"/>.</summary>
    public bool Bool { get; }

    /// <summary>A keyword value.</summary>
    public static FacetValue OfKeyword(string value) => new(FacetValueKind.Keyword, value, 0, Guid.Empty, false);

    /// <summary>An integer value.</summary>
    public static FacetValue OfInteger(long value) => new(FacetValueKind.Integer, null, value, Guid.Empty, false);

    /// <summary>A UUID value.</summary>
    public static FacetValue OfUuid(Guid value) => new(FacetValueKind.Uuid, null, 0, value, false);

    /// <summary>A boolean value.</summary>
    public static FacetValue OfBool(bool value) => new(FacetValueKind.Bool, null, 0, Guid.Empty, value);

    /// <summary>The value as Qdrant shows it: UUIDs as lower-case hyphenated strings.</summary>
    public override string ToString() => Kind switch
    {
        FacetValueKind.Keyword => Keyword!,
        FacetValueKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FacetValueKind.Uuid => Uuid.ToString("D"),
        _ => Bool ? "true" : "false",
    };
}
