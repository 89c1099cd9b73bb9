using System.Text;
using System.Text.Json;

namespace Citadel.Storage.Index.Payload.Schema;

/// <summary>
/// <see cref="PayloadFieldSchema"/> in Qdrant's JSON shape: a type name, or a params object with <c>type</c> and the
/// options in Qdrant's field order (<c>lookup</c>, <c>range</c> and <c>is_principal</c> are written even when null, as
/// serde does for them). The same text is the persisted form in <c>payload_index.json</c> and what REST shows.
/// </summary>
public static class PayloadFieldSchemaJson
{
    /// <summary>Writes the schema (a string or an object).</summary>
    public static void Write(Utf8JsonWriter w, PayloadFieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(schema);
        if (schema.Params is { } p)
        {
            WriteParams(w, p);
        }
        else
        {
            w.WriteStringValue(PayloadSchemaTypes.Name(schema.Type));
        }
    }

    /// <summary>
    /// Writes Qdrant's <c>PayloadIndexInfo</c>: <c>data_type</c>, <c>params</c> when the index was created with options,
    /// and <c>points</c>.
    /// </summary>
    public static void WriteInfo(Utf8JsonWriter w, PayloadFieldSchema schema, long points)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(schema);
        w.WriteStartObject();
        w.WriteString("data_type", PayloadSchemaTypes.Name(schema.Type));
        if (schema.Params is { } p)
        {
            w.WritePropertyName("params");
            WriteParams(w, p);
        }

        w.WriteNumber("points", points);
        w.WriteEndObject();
    }

    /// <summary>Writes a params object.</summary>
    public static void WriteParams(Utf8JsonWriter w, PayloadIndexParams p)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(p);
        w.WriteStartObject();
        w.WriteString("type", PayloadSchemaTypes.Name(p.Type));
        switch (p)
        {
            case KeywordIndexParams k:
                Optional(w, "is_tenant", k.IsTenant);
                Common(w, p);
                Optional(w, "prefix", k.Prefix);
                break;
            case IntegerIndexParams i:
                Nullable(w, "lookup", i.Lookup);
                Nullable(w, "range", i.Range);
                Nullable(w, "is_principal", i.IsPrincipal);
                Common(w, p);
                break;
            case UuidIndexParams u:
                Optional(w, "is_tenant", u.IsTenant);
                Common(w, p);
                break;
            case FloatIndexParams f:
                Nullable(w, "is_principal", f.IsPrincipal);
                Common(w, p);
                break;
            case DatetimeIndexParams d:
                Nullable(w, "is_principal", d.IsPrincipal);
                Common(w, p);
                break;
            case TextIndexParams t:
                WriteText(w, t);
                break;
            default:
                Common(w, p);
                break;
        }

        w.WriteEndObject();
    }

    /// <summary>Reads what <see cref="Write"/> wrote (the persisted form; trusted input).</summary>
    public static PayloadFieldSchema Read(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.String)
        {
            return PayloadFieldSchema.Of(ParseType(e.GetString()));
        }

        var type = ParseType(e.GetProperty("type").GetString());
        PayloadIndexParams p = type switch
        {
            PayloadSchemaType.Keyword => new KeywordIndexParams { IsTenant = Bool(e, "is_tenant"), Prefix = Bool(e, "prefix") },
            PayloadSchemaType.Integer => new IntegerIndexParams { Lookup = Bool(e, "lookup"), Range = Bool(e, "range"), IsPrincipal = Bool(e, "is_principal") },
            PayloadSchemaType.Float => new FloatIndexParams { IsPrincipal = Bool(e, "is_principal") },
            PayloadSchemaType.Geo => new GeoIndexParams(),
            PayloadSchemaType.Bool => new BoolIndexParams(),
            PayloadSchemaType.Datetime => new DatetimeIndexParams { IsPrincipal = Bool(e, "is_principal") },
            PayloadSchemaType.Uuid => new UuidIndexParams { IsTenant = Bool(e, "is_tenant") },
            _ => ReadText(e),
        };
        return PayloadFieldSchema.Of(p with { OnDisk = Bool(e, "on_disk"), Memory = String(e, "memory"), EnableHnsw = Bool(e, "enable_hnsw") });
    }

    /// <summary>The schema as compact JSON text.</summary>
    public static string ToJsonText(PayloadFieldSchema schema)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Write(w, schema);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The wire name of a tokenizer.</summary>
    public static string TokenizerName(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Prefix => "prefix",
        TokenizerKind.Whitespace => "whitespace",
        TokenizerKind.Multilingual => "multilingual",
        _ => "word",
    };

    /// <summary>Parses a tokenizer name; false for anything else.</summary>
    public static bool TryParseTokenizer(string? name, out TokenizerKind kind)
    {
        kind = name switch
        {
            "prefix" => TokenizerKind.Prefix,
            "whitespace" => TokenizerKind.Whitespace,
            "word" => TokenizerKind.Word,
            "multilingual" => TokenizerKind.Multilingual,
            _ => (TokenizerKind)(-1),
        };
        return Enum.IsDefined(kind);
    }

    private static void WriteText(Utf8JsonWriter w, TextIndexParams t)
    {
        w.WriteString("tokenizer", TokenizerName(t.Tokenizer));
        Optional(w, "min_token_len", t.MinTokenLen);
        Optional(w, "max_token_len", t.MaxTokenLen);
        Optional(w, "lowercase", t.Lowercase);
        Optional(w, "ascii_folding", t.AsciiFolding);
        Optional(w, "phrase_matching", t.PhraseMatching);
        if (t.StopwordsAsLanguage && t.StopwordLanguages is [var language])
        {
            w.WriteString("stopwords", language);
        }
        else if (t.StopwordLanguages is not null || t.StopwordsCustom is not null)
        {
            w.WritePropertyName("stopwords");
            w.WriteStartObject();
            StringList(w, "languages", t.StopwordLanguages);
            StringList(w, "custom", t.StopwordsCustom);
            w.WriteEndObject();
        }

        Optional(w, "on_disk", t.OnDisk);
        if (t.Memory is { } memory)
        {
            w.WriteString("memory", memory);
        }

        if (t.StemmerLanguage is { } stemmer)
        {
            w.WritePropertyName("stemmer");
            w.WriteStartObject();
            w.WriteString("type", "snowball");
            w.WriteString("language", stemmer);
            w.WriteEndObject();
        }

        Optional(w, "enable_hnsw", t.EnableHnsw);
    }

    private static TextIndexParams ReadText(JsonElement e)
    {
        var tokenizer = TryParseTokenizer(String(e, "tokenizer"), out var parsed) ? parsed : TokenizerKind.Word;
        IReadOnlyList<string>? languages = null;
        IReadOnlyList<string>? custom = null;
        var asLanguage = false;
        if (e.TryGetProperty("stopwords", out var s))
        {
            if (s.ValueKind == JsonValueKind.String)
            {
                languages = [s.GetString()!];
                asLanguage = true;
            }
            else if (s.ValueKind == JsonValueKind.Object)
            {
                languages = Strings(s, "languages");
                custom = Strings(s, "custom");
            }
        }

        return new TextIndexParams
        {
            Tokenizer = tokenizer,
            MinTokenLen = Int(e, "min_token_len"),
            MaxTokenLen = Int(e, "max_token_len"),
            Lowercase = Bool(e, "lowercase"),
            AsciiFolding = Bool(e, "ascii_folding"),
            PhraseMatching = Bool(e, "phrase_matching"),
            StopwordLanguages = languages,
            StopwordsCustom = custom,
            StopwordsAsLanguage = asLanguage,
            StemmerLanguage = e.TryGetProperty("stemmer", out var st) && st.ValueKind == JsonValueKind.Object ? String(st, "language") : null,
        };
    }

    private static void Common(Utf8JsonWriter w, PayloadIndexParams p)
    {
        Optional(w, "on_disk", p.OnDisk);
        if (p.Memory is { } memory)
        {
            w.WriteString("memory", memory);
        }

        Optional(w, "enable_hnsw", p.EnableHnsw);
    }

    private static void Optional(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
    }

    private static void Optional(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }

    private static void Nullable(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } v)
        {
            w.WriteBoolean(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void StringList(Utf8JsonWriter w, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        w.WritePropertyName(name);
        w.WriteStartArray();
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static PayloadSchemaType ParseType(string? name) =>
        PayloadSchemaTypes.TryParse(name, out var type) ? type : throw new JsonException($"unknown payload schema type `{name}`");

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string[]? Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray()
            : null;
}
