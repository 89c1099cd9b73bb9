using Citadel.Common.Errors;

namespace Citadel.Storage.Index.Payload.Schema;

/// <summary>
/// Qdrant's <c>PayloadFieldSchema</c>: an index type given by name (<see cref="Params"/> null), or a type with options.
/// The form is kept because <c>payload_schema</c> shows <c>params</c> only for the second one.
/// </summary>
public sealed class PayloadFieldSchema
{
    private string? _signature;

    private PayloadFieldSchema(PayloadSchemaType type, PayloadIndexParams? parameters)
    {
        Type = type;
        Params = parameters;
    }

    /// <summary>The index type.</summary>
    public PayloadSchemaType Type { get; }

    /// <summary>The options, when given as an object.</summary>
    public PayloadIndexParams? Params { get; }

    /// <summary>
    /// The exact-match part of an integer index (and what facets read); off only with <c>lookup: false</c>.
    /// </summary>
    public bool IntegerLookup => Params is not IntegerIndexParams { Lookup: false };

    /// <summary>Qdrant serves <c>order_by</c> from a numeric index: integer (with <c>range</c>), float or datetime.</summary>
    public bool ServesOrderBy => Type switch
    {
        PayloadSchemaType.Float or PayloadSchemaType.Datetime => true,
        PayloadSchemaType.Integer => Params is not IntegerIndexParams { Range: false },
        _ => false,
    };

    /// <summary>Qdrant facets over map indexes: keyword, integer (with <c>lookup</c>), uuid and bool.</summary>
    public bool ServesFacets => Type switch
    {
        PayloadSchemaType.Keyword or PayloadSchemaType.Uuid or PayloadSchemaType.Bool => true,
        PayloadSchemaType.Integer => IntegerLookup,
        _ => false,
    };

    /// <summary>The canonical JSON text; two schemas with the same signature build the same index.</summary>
    public string Signature => _signature ??= PayloadFieldSchemaJson.ToJsonText(this);

    /// <summary>A schema given by type name.</summary>
    public static PayloadFieldSchema Of(PayloadSchemaType type) => new(type, null);

    /// <summary>A schema given with options.</summary>
    public static PayloadFieldSchema Of(PayloadIndexParams parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new(parameters.Type, parameters);
    }

    /// <summary>True when both describe the same index.</summary>
    public bool SameAs(PayloadFieldSchema? other) => other is not null && string.Equals(Signature, other.Signature, StringComparison.Ordinal);

    /// <summary>
    /// Refuses what Qdrant refuses (an integer index with neither capability) and the text-index options Citadel
    /// does not implement yet, rather than indexing with silently different tokens.
    /// </summary>
    public void Validate()
    {
        switch (Params)
        {
            case IntegerIndexParams { Lookup: false, Range: false }:
                throw CitadelException.Validation("lookup: the 'lookup' and 'range' capabilities can't be both disabled");
            case TextIndexParams text:
                ValidateText(text);
                break;
        }
    }

    private static void ValidateText(TextIndexParams text)
    {
        if (text.Tokenizer == TokenizerKind.Multilingual)
        {
            throw Unsupported("the `multilingual` tokenizer");
        }

        if (text.StemmerLanguage is not null)
        {
            throw Unsupported("`stemmer`");
        }

        if (text.StopwordLanguages is { Count: > 0 })
        {
            throw Unsupported("language stop-word lists (custom `stopwords` are supported)");
        }

        if (text.AsciiFolding == true)
        {
            throw Unsupported("`ascii_folding`");
        }
    }

    private static CitadelException Unsupported(string what) =>
        new(ErrorKind.Unimplemented, $"Text index with {what} is not implemented yet");
}
