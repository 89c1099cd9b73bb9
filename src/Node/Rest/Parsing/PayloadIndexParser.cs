using System.Text.Json;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads <c>CreateFieldIndex</c>: <c>field_name</c> (a JSON path) and <c>field_schema</c> (a type name or a params object).</summary>
internal static class PayloadIndexParser
{
    private static readonly string[] Memories = ["cold", "cached", "pinned"];

    public static (JsonPath Field, PayloadFieldSchema? Schema) CreateIndex(JNode body)
    {
        body.Object("field_name", "field_schema");
        var field = FieldName(body.Required("field_name"));
        return (field, body.Optional("field_schema") is { } schema ? Schema(schema) : null);
    }

    /// <summary>A payload key; malformed keys are format errors naming the field, like serde's.</summary>
    public static JsonPath FieldName(JNode node) =>
        JsonPath.TryParse(node.String(), out var path, out var error) ? path : throw node.InvalidValue(error);

    /// <summary><c>PayloadFieldSchema</c>.</summary>
    public static PayloadFieldSchema Schema(JNode node)
    {
        if (node.Kind == JsonValueKind.String)
        {
            return PayloadFieldSchema.Of(Type(node));
        }

        if (node.Kind != JsonValueKind.Object)
        {
            throw node.Invalid("a payload schema type name or a params object");
        }

        var type = Type(node.Required("type"));
        PayloadIndexParams p = type switch
        {
            PayloadSchemaType.Keyword => Keyword(node),
            PayloadSchemaType.Integer => Integer(node),
            PayloadSchemaType.Float => Float(node),
            PayloadSchemaType.Geo => Common(node.Object("type", "on_disk", "memory", "enable_hnsw"), new GeoIndexParams()),
            PayloadSchemaType.Bool => Common(node.Object("type", "on_disk", "memory", "enable_hnsw"), new BoolIndexParams()),
            PayloadSchemaType.Datetime => Datetime(node),
            PayloadSchemaType.Uuid => Uuid(node),
            _ => Text(node),
        };
        return PayloadFieldSchema.Of(p);
    }

    private static KeywordIndexParams Keyword(JNode node)
    {
        node.Object("type", "is_tenant", "on_disk", "memory", "enable_hnsw", "prefix");
        return Common(node, new KeywordIndexParams { IsTenant = Bool(node, "is_tenant"), Prefix = Bool(node, "prefix") });
    }

    private static IntegerIndexParams Integer(JNode node)
    {
        node.Object("type", "lookup", "range", "is_principal", "on_disk", "memory", "enable_hnsw");
        return Common(node, new IntegerIndexParams { Lookup = Bool(node, "lookup"), Range = Bool(node, "range"), IsPrincipal = Bool(node, "is_principal") });
    }

    private static FloatIndexParams Float(JNode node)
    {
        node.Object("type", "is_principal", "on_disk", "memory", "enable_hnsw");
        return Common(node, new FloatIndexParams { IsPrincipal = Bool(node, "is_principal") });
    }

    private static DatetimeIndexParams Datetime(JNode node)
    {
        node.Object("type", "is_principal", "on_disk", "memory", "enable_hnsw");
        return Common(node, new DatetimeIndexParams { IsPrincipal = Bool(node, "is_principal") });
    }

    private static UuidIndexParams Uuid(JNode node)
    {
        node.Object("type", "is_tenant", "on_disk", "memory", "enable_hnsw");
        return Common(node, new UuidIndexParams { IsTenant = Bool(node, "is_tenant") });
    }

    private static TextIndexParams Text(JNode node)
    {
        node.Object("type", "tokenizer", "min_token_len", "max_token_len", "lowercase", "ascii_folding", "phrase_matching", "stopwords", "on_disk", "memory", "stemmer", "enable_hnsw");
        var tokenizer = TokenizerKind.Word;
        if (node.Optional("tokenizer") is { } t && !PayloadFieldSchemaJson.TryParseTokenizer(t.String(), out tokenizer))
        {
            throw t.InvalidValue($"unknown variant `{t.String()}`, expected one of `prefix`, `whitespace`, `word`, `multilingual`");
        }

        IReadOnlyList<string>? languages = null;
        IReadOnlyList<string>? custom = null;
        var asLanguage = false;
        if (node.Optional("stopwords") is { } s)
        {
            if (s.Kind == JsonValueKind.String)
            {
                languages = [s.String()];
                asLanguage = true;
            }
            else
            {
                s.Object("languages", "custom");
                languages = s.Optional("languages")?.Items().Select(x => x.String()).ToList();
                custom = s.Optional("custom")?.Items().Select(x => x.String()).ToList();
            }
        }

        string? stemmer = null;
        if (node.Optional("stemmer") is { } st)
        {
            st.Object("type", "language");
            var kind = st.Required("type").String();
            if (kind == "snowball")
            {
                stemmer = st.Required("language").String();
            }
            else if (kind != "none")
            {
                throw st.InvalidValue($"unknown stemmer `{kind}`, expected `snowball` or `none`");
            }
        }

        return Common(node, new TextIndexParams
        {
            Tokenizer = tokenizer,
            MinTokenLen = node.Optional("min_token_len")?.Count(),
            MaxTokenLen = node.Optional("max_token_len")?.Count(),
            Lowercase = Bool(node, "lowercase"),
            AsciiFolding = Bool(node, "ascii_folding"),
            PhraseMatching = Bool(node, "phrase_matching"),
            StopwordLanguages = languages,
            StopwordsCustom = custom,
            StopwordsAsLanguage = asLanguage,
            StemmerLanguage = stemmer,
        });
    }

    private static T Common<T>(JNode node, T p)
        where T : PayloadIndexParams
    {
        string? memory = null;
        if (node.Optional("memory") is { } m)
        {
            memory = m.String();
            if (!Memories.Contains(memory))
            {
                throw m.InvalidValue($"unknown variant `{memory}`, expected one of `cold`, `cached`, `pinned`");
            }
        }

        return p with { OnDisk = Bool(node, "on_disk"), Memory = memory, EnableHnsw = Bool(node, "enable_hnsw") };
    }

    private static PayloadSchemaType Type(JNode node)
    {
        var name = node.String();
        return PayloadSchemaTypes.TryParse(name, out var type)
            ? type
            : throw node.InvalidValue($"unknown variant `{name}`, expected one of {string.Join(", ", PayloadSchemaTypes.Names.Select(n => $"`{n}`"))}");
    }

    private static bool? Bool(JNode node, string name) => node.Optional(name)?.Bool();
}
