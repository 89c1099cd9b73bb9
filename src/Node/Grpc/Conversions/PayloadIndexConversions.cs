using Citadel.Storage.Index.Payload.Schema;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Payload index schemas between protobuf and the domain: <c>CreateFieldIndexCollection</c>'s <c>field_type</c> and
/// <c>field_index_params</c> in, <c>PayloadSchemaInfo</c> out (as Qdrant's conversions fill them).
/// </summary>
internal static class PayloadIndexConversions
{
    /// <summary>The requested schema, or null when neither a type nor params were given.</summary>
    public static PayloadFieldSchema? Schema(G.CreateFieldIndexCollection request)
    {
        var parameters = request.FieldIndexParams is { IndexParamsCase: not G.PayloadIndexParams.IndexParamsOneofCase.None } p ? Params(p) : null;
        if (!request.HasFieldType)
        {
            return parameters is null ? null : throw GrpcInput.Invalid("field type is missing");
        }

        var type = Type(GrpcInput.Known(request.FieldType, "field type"));
        if (parameters is null)
        {
            return PayloadFieldSchema.Of(type);
        }

        return parameters.Type == type
            ? PayloadFieldSchema.Of(parameters)
            : throw GrpcInput.Invalid($"field_type ({request.FieldType}) and field_index_params do not match");
    }

    /// <summary>One entry of <c>CollectionInfo.payload_schema</c>.</summary>
    public static G.PayloadSchemaInfo Info(PayloadFieldSchema schema, long points)
    {
        var info = new G.PayloadSchemaInfo { DataType = (G.PayloadSchemaType)((int)schema.Type + 1), Points = (ulong)points };
        if (schema.Params is { } p)
        {
            info.Params = ToProto(p);
        }

        return info;
    }

    private static PayloadSchemaType Type(G.FieldType type) => type switch
    {
        G.FieldType.Keyword => PayloadSchemaType.Keyword,
        G.FieldType.Integer => PayloadSchemaType.Integer,
        G.FieldType.Float => PayloadSchemaType.Float,
        G.FieldType.Geo => PayloadSchemaType.Geo,
        G.FieldType.Text => PayloadSchemaType.Text,
        G.FieldType.Bool => PayloadSchemaType.Bool,
        G.FieldType.Datetime => PayloadSchemaType.Datetime,
        _ => PayloadSchemaType.Uuid,
    };

    private static PayloadIndexParams Params(G.PayloadIndexParams p) => p.IndexParamsCase switch
    {
        G.PayloadIndexParams.IndexParamsOneofCase.KeywordIndexParams => new KeywordIndexParams
        {
            IsTenant = p.KeywordIndexParams.HasIsTenant ? p.KeywordIndexParams.IsTenant : null,
            Prefix = p.KeywordIndexParams.Prefix is null ? null : true,
            OnDisk = p.KeywordIndexParams.HasOnDisk ? p.KeywordIndexParams.OnDisk : null,
            EnableHnsw = p.KeywordIndexParams.HasEnableHnsw ? p.KeywordIndexParams.EnableHnsw : null,
            Memory = p.KeywordIndexParams.HasMemory ? Memory(p.KeywordIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.IntegerIndexParams => new IntegerIndexParams
        {
            Lookup = p.IntegerIndexParams.HasLookup ? p.IntegerIndexParams.Lookup : null,
            Range = p.IntegerIndexParams.HasRange ? p.IntegerIndexParams.Range : null,
            IsPrincipal = p.IntegerIndexParams.HasIsPrincipal ? p.IntegerIndexParams.IsPrincipal : null,
            OnDisk = p.IntegerIndexParams.HasOnDisk ? p.IntegerIndexParams.OnDisk : null,
            EnableHnsw = p.IntegerIndexParams.HasEnableHnsw ? p.IntegerIndexParams.EnableHnsw : null,
            Memory = p.IntegerIndexParams.HasMemory ? Memory(p.IntegerIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.FloatIndexParams => new FloatIndexParams
        {
            IsPrincipal = p.FloatIndexParams.HasIsPrincipal ? p.FloatIndexParams.IsPrincipal : null,
            OnDisk = p.FloatIndexParams.HasOnDisk ? p.FloatIndexParams.OnDisk : null,
            EnableHnsw = p.FloatIndexParams.HasEnableHnsw ? p.FloatIndexParams.EnableHnsw : null,
            Memory = p.FloatIndexParams.HasMemory ? Memory(p.FloatIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.GeoIndexParams => new GeoIndexParams
        {
            OnDisk = p.GeoIndexParams.HasOnDisk ? p.GeoIndexParams.OnDisk : null,
            EnableHnsw = p.GeoIndexParams.HasEnableHnsw ? p.GeoIndexParams.EnableHnsw : null,
            Memory = p.GeoIndexParams.HasMemory ? Memory(p.GeoIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.BoolIndexParams => new BoolIndexParams
        {
            OnDisk = p.BoolIndexParams.HasOnDisk ? p.BoolIndexParams.OnDisk : null,
            EnableHnsw = p.BoolIndexParams.HasEnableHnsw ? p.BoolIndexParams.EnableHnsw : null,
            Memory = p.BoolIndexParams.HasMemory ? Memory(p.BoolIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.DatetimeIndexParams => new DatetimeIndexParams
        {
            IsPrincipal = p.DatetimeIndexParams.HasIsPrincipal ? p.DatetimeIndexParams.IsPrincipal : null,
            OnDisk = p.DatetimeIndexParams.HasOnDisk ? p.DatetimeIndexParams.OnDisk : null,
            EnableHnsw = p.DatetimeIndexParams.HasEnableHnsw ? p.DatetimeIndexParams.EnableHnsw : null,
            Memory = p.DatetimeIndexParams.HasMemory ? Memory(p.DatetimeIndexParams.Memory) : null,
        },
        G.PayloadIndexParams.IndexParamsOneofCase.UuidIndexParams => new UuidIndexParams
        {
            IsTenant = p.UuidIndexParams.HasIsTenant ? p.UuidIndexParams.IsTenant : null,
            OnDisk = p.UuidIndexParams.HasOnDisk ? p.UuidIndexParams.OnDisk : null,
            EnableHnsw = p.UuidIndexParams.HasEnableHnsw ? p.UuidIndexParams.EnableHnsw : null,
            Memory = p.UuidIndexParams.HasMemory ? Memory(p.UuidIndexParams.Memory) : null,
        },
        _ => Text(p.TextIndexParams),
    };

    private static TextIndexParams Text(G.TextIndexParams t) => new()
    {
        // An unset tokenizer (0) is the default, word.
        Tokenizer = t.Tokenizer switch
        {
            G.TokenizerType.Prefix => TokenizerKind.Prefix,
            G.TokenizerType.Whitespace => TokenizerKind.Whitespace,
            G.TokenizerType.Multilingual => TokenizerKind.Multilingual,
            _ => TokenizerKind.Word,
        },
        Lowercase = t.HasLowercase ? t.Lowercase : null,
        MinTokenLen = t.HasMinTokenLen ? GrpcInput.Count(t.MinTokenLen, "min_token_len") : null,
        MaxTokenLen = t.HasMaxTokenLen ? GrpcInput.Count(t.MaxTokenLen, "max_token_len") : null,
        OnDisk = t.HasOnDisk ? t.OnDisk : null,
        StopwordLanguages = t.Stopwords is null ? null : [.. t.Stopwords.Languages],
        StopwordsCustom = t.Stopwords is null ? null : [.. t.Stopwords.Custom],
        PhraseMatching = t.HasPhraseMatching ? t.PhraseMatching : null,
        StemmerLanguage = t.Stemmer?.Snowball?.Language,
        AsciiFolding = t.HasAsciiFolding ? t.AsciiFolding : null,
        EnableHnsw = t.HasEnableHnsw ? t.EnableHnsw : null,
        Memory = t.HasMemory ? Memory(t.Memory) : null,
    };

    private static string Memory(G.Memory memory) => memory switch
    {
        G.Memory.Cold => "cold",
        G.Memory.Cached => "cached",
        G.Memory.Pinned => "pinned",
        _ => throw GrpcInput.Invalid($"Unknown memory placement: {(int)memory}"),
    };

    private static G.Memory Memory(string memory) => memory switch
    {
        "cold" => G.Memory.Cold,
        "cached" => G.Memory.Cached,
        _ => G.Memory.Pinned,
    };

    private static G.PayloadIndexParams ToProto(PayloadIndexParams p)
    {
        var result = new G.PayloadIndexParams();
        switch (p)
        {
            case KeywordIndexParams k:
                var keyword = new G.KeywordIndexParams();
                if (k.IsTenant is { } tenant)
                {
                    keyword.IsTenant = tenant;
                }

                if (k.Prefix == true)
                {
                    keyword.Prefix = new G.KeywordPrefixParams();
                }

                Common(k, v => keyword.OnDisk = v, v => keyword.EnableHnsw = v, v => keyword.Memory = v);
                result.KeywordIndexParams = keyword;
                break;
            case IntegerIndexParams i:
                var integer = new G.IntegerIndexParams();
                if (i.Lookup is { } lookup)
                {
                    integer.Lookup = lookup;
                }

                if (i.Range is { } range)
                {
                    integer.Range = range;
                }

                if (i.IsPrincipal is { } principal)
                {
                    integer.IsPrincipal = principal;
                }

                Common(i, v => integer.OnDisk = v, v => integer.EnableHnsw = v, v => integer.Memory = v);
                result.IntegerIndexParams = integer;
                break;
            case FloatIndexParams f:
                var number = new G.FloatIndexParams();
                if (f.IsPrincipal is { } floatPrincipal)
                {
                    number.IsPrincipal = floatPrincipal;
                }

                Common(f, v => number.OnDisk = v, v => number.EnableHnsw = v, v => number.Memory = v);
                result.FloatIndexParams = number;
                break;
            case GeoIndexParams g:
                var geo = new G.GeoIndexParams();
                Common(g, v => geo.OnDisk = v, v => geo.EnableHnsw = v, v => geo.Memory = v);
                result.GeoIndexParams = geo;
                break;
            case BoolIndexParams b:
                var boolean = new G.BoolIndexParams();
                Common(b, v => boolean.OnDisk = v, v => boolean.EnableHnsw = v, v => boolean.Memory = v);
                result.BoolIndexParams = boolean;
                break;
            case DatetimeIndexParams d:
                var datetime = new G.DatetimeIndexParams();
                if (d.IsPrincipal is { } datetimePrincipal)
                {
                    datetime.IsPrincipal = datetimePrincipal;
                }

                Common(d, v => datetime.OnDisk = v, v => datetime.EnableHnsw = v, v => datetime.Memory = v);
                result.DatetimeIndexParams = datetime;
                break;
            case UuidIndexParams u:
                var uuid = new G.UuidIndexParams();
                if (u.IsTenant is { } uuidTenant)
                {
                    uuid.IsTenant = uuidTenant;
                }

                Common(u, v => uuid.OnDisk = v, v => uuid.EnableHnsw = v, v => uuid.Memory = v);
                result.UuidIndexParams = uuid;
                break;
            case TextIndexParams t:
                result.TextIndexParams = ToProto(t);
                break;
        }

        return result;
    }

    private static G.TextIndexParams ToProto(TextIndexParams t)
    {
        var text = new G.TextIndexParams
        {
            Tokenizer = t.Tokenizer switch
            {
                TokenizerKind.Prefix => G.TokenizerType.Prefix,
                TokenizerKind.Whitespace => G.TokenizerType.Whitespace,
                TokenizerKind.Multilingual => G.TokenizerType.Multilingual,
                _ => G.TokenizerType.Word,
            },
        };
        if (t.Lowercase is { } lowercase)
        {
            text.Lowercase = lowercase;
        }

        if (t.MinTokenLen is { } min)
        {
            text.MinTokenLen = (ulong)min;
        }

        if (t.MaxTokenLen is { } max)
        {
            text.MaxTokenLen = (ulong)max;
        }

        if (t.PhraseMatching is { } phrase)
        {
            text.PhraseMatching = phrase;
        }

        if (t.AsciiFolding is { } folding)
        {
            text.AsciiFolding = folding;
        }

        if (t.StopwordLanguages is not null || t.StopwordsCustom is not null)
        {
            text.Stopwords = new G.StopwordsSet();
            text.Stopwords.Languages.AddRange(t.StopwordLanguages ?? []);
            text.Stopwords.Custom.AddRange(t.StopwordsCustom ?? []);
        }

        if (t.StemmerLanguage is { } stemmer)
        {
            text.Stemmer = new G.StemmingAlgorithm { Snowball = new G.SnowballParams { Language = stemmer } };
        }

        Common(t, v => text.OnDisk = v, v => text.EnableHnsw = v, v => text.Memory = v);
        return text;
    }

    private static void Common(PayloadIndexParams p, Action<bool> onDisk, Action<bool> enableHnsw, Action<G.Memory> memory)
    {
        if (p.OnDisk is { } d)
        {
            onDisk(d);
        }

        if (p.EnableHnsw is { } h)
        {
            enableHnsw(h);
        }

        if (p.Memory is { } m)
        {
            memory(Memory(m));
        }
    }
}
