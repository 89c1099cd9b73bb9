using System.Text.Json;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Quantization settings between protobuf and the REST JSON shape the storage layer keeps
/// (<c>{"scalar": {"type": "int8", …}}</c>). Rendering back to protobuf covers every shape the REST API
/// defines; anything else stored (e.g. a future field) is left out rather than guessed.
/// </summary>
internal static class QuantizationConversions
{
    private static readonly string[] Compressions = ["x4", "x8", "x16", "x32", "x64"];
    private static readonly string[] Encodings = ["one_bit", "two_bits", "one_and_half_bits"];
    private static readonly string[] QueryEncodings = ["default", "binary", "scalar4bits", "scalar8bits"];
    private static readonly string[] TurboBits = ["bits1", "bits1_5", "bits2", "bits4"];
    private static readonly string?[] Memories = [null, "cold", "cached", "pinned"];

    public static JsonElement ToJson(G.QuantizationConfig q) => q.QuantizationCase switch
    {
        G.QuantizationConfig.QuantizationOneofCase.Scalar => Scalar(q.Scalar),
        G.QuantizationConfig.QuantizationOneofCase.Product => Product(q.Product),
        G.QuantizationConfig.QuantizationOneofCase.Binary => Binary(q.Binary),
        G.QuantizationConfig.QuantizationOneofCase.Turboquant => Turbo(q.Turboquant),
        _ => throw GrpcInput.Invalid("QuantizationConfig must contain quantization"),
    };

    /// <summary>A diff; <c>disabled</c> becomes the REST string <c>"Disabled"</c>.</summary>
    public static JsonElement ToJson(G.QuantizationConfigDiff q) => q.QuantizationCase switch
    {
        G.QuantizationConfigDiff.QuantizationOneofCase.Scalar => Scalar(q.Scalar),
        G.QuantizationConfigDiff.QuantizationOneofCase.Product => Product(q.Product),
        G.QuantizationConfigDiff.QuantizationOneofCase.Binary => Binary(q.Binary),
        G.QuantizationConfigDiff.QuantizationOneofCase.Turboquant => Turbo(q.Turboquant),
        G.QuantizationConfigDiff.QuantizationOneofCase.Disabled => JsonElements.Build(w => w.WriteStringValue("Disabled")),
        _ => throw GrpcInput.Invalid("Quantization type is not specified"),
    };

    /// <summary>The stored JSON as protobuf, or null when there is none or it is not a shape the REST API defines.</summary>
    public static G.QuantizationConfig? ToProto(JsonElement? json)
    {
        if (json is not { } e || !JsonElements.TrySingle(e, out var kind, out var body) || body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return kind switch
            {
                "scalar" => new G.QuantizationConfig { Scalar = ScalarProto(body) },
                "product" => new G.QuantizationConfig { Product = ProductProto(body) },
                "binary" => new G.QuantizationConfig { Binary = BinaryProto(body) },
                "turbo" => new G.QuantizationConfig { Turboquant = TurboProto(body) },
                _ => null,
            };
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException)
        {
            // A value of the wrong JSON kind: not a shape this renderer knows.
            return null;
        }
    }

    private static JsonElement Scalar(G.ScalarQuantization s)
    {
        if (s.Type != G.QuantizationType.Int8)
        {
            throw GrpcInput.Invalid("Unknown quantization type");
        }

        if (s.HasQuantile && !float.IsFinite(s.Quantile))
        {
            throw GrpcInput.Validation("quantization_config.scalar.quantile", "must be a finite number");
        }

        return Wrap("scalar", w =>
        {
            w.WriteString("type", "int8");
            if (s.HasQuantile)
            {
                w.WriteNumber("quantile", s.Quantile);
            }

            Common(w, s.HasAlwaysRam, s.AlwaysRam, s.HasMemory, s.Memory);
        });
    }

    private static JsonElement Product(G.ProductQuantization p)
    {
        var compression = (int)p.Compression is var c && c >= 0 && c < Compressions.Length ? Compressions[c] : throw GrpcInput.Invalid("Unknown compression ratio");
        return Wrap("product", w =>
        {
            w.WriteString("compression", compression);
            Common(w, p.HasAlwaysRam, p.AlwaysRam, p.HasMemory, p.Memory);
        });
    }

    private static JsonElement Binary(G.BinaryQuantization b)
    {
        var encoding = b.HasEncoding ? Name(Encodings, (int)b.Encoding, "binary quantization encoding") : null;
        string? queryEncoding = null;
        if (b.QueryEncoding is { VariantCase: G.BinaryQuantizationQueryEncoding.VariantOneofCase.Setting } qe)
        {
            queryEncoding = Name(QueryEncodings, (int)qe.Setting, "binary quantization query encoding");
        }

        return Wrap("binary", w =>
        {
            Common(w, b.HasAlwaysRam, b.AlwaysRam, b.HasMemory, b.Memory);
            if (encoding is not null)
            {
                w.WriteString("encoding", encoding);
            }

            if (queryEncoding is not null)
            {
                w.WriteString("query_encoding", queryEncoding);
            }
        });
    }

    private static JsonElement Turbo(G.TurboQuantization t)
    {
        var bits = t.HasBits ? Name(TurboBits, (int)t.Bits, "turbo quantization bit size") : null;
        return Wrap("turbo", w =>
        {
            Common(w, t.HasAlwaysRam, t.AlwaysRam, t.HasMemory, t.Memory);
            if (bits is not null)
            {
                w.WriteString("bits", bits);
            }
        });
    }

    private static void Common(Utf8JsonWriter w, bool hasAlwaysRam, bool alwaysRam, bool hasMemory, G.Memory memory)
    {
        if (hasAlwaysRam)
        {
            w.WriteBoolean("always_ram", alwaysRam);
        }

        if (hasMemory && Name(Memories, (int)memory, "memory") is { } m)
        {
            w.WriteString("memory", m);
        }
    }

    private static JsonElement Wrap(string kind, Action<Utf8JsonWriter> body) => JsonElements.Build(w =>
    {
        w.WriteStartObject();
        w.WritePropertyName(kind);
        w.WriteStartObject();
        body(w);
        w.WriteEndObject();
        w.WriteEndObject();
    });

    private static string? Name(string?[] names, int value, string what) =>
        value >= 0 && value < names.Length ? names[value] : throw GrpcInput.Invalid($"Unknown {what}: {value}");

    private static G.ScalarQuantization ScalarProto(JsonElement body)
    {
        var s = new G.ScalarQuantization { Type = JsonElements.TryGet(body, "type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "int8" ? G.QuantizationType.Int8 : throw new FormatException() };
        if (JsonElements.TryGet(body, "quantile", out var q))
        {
            s.Quantile = (float)q.GetDouble();
        }

        if (AlwaysRam(body) is { } ar)
        {
            s.AlwaysRam = ar;
        }

        if (Memory(body) is { } m)
        {
            s.Memory = m;
        }

        return s;
    }

    private static G.ProductQuantization ProductProto(JsonElement body)
    {
        var p = new G.ProductQuantization { Compression = (G.CompressionRatio)Index(Compressions, body, "compression", required: true) };
        if (AlwaysRam(body) is { } ar)
        {
            p.AlwaysRam = ar;
        }

        if (Memory(body) is { } m)
        {
            p.Memory = m;
        }

        return p;
    }

    private static G.BinaryQuantization BinaryProto(JsonElement body)
    {
        var b = new G.BinaryQuantization();
        if (AlwaysRam(body) is { } ar)
        {
            b.AlwaysRam = ar;
        }

        if (Memory(body) is { } m)
        {
            b.Memory = m;
        }

        if (Index(Encodings, body, "encoding", required: false) is var e and >= 0)
        {
            b.Encoding = (G.BinaryQuantizationEncoding)e;
        }

        if (Index(QueryEncodings, body, "query_encoding", required: false) is var qe and >= 0)
        {
            b.QueryEncoding = new G.BinaryQuantizationQueryEncoding { Setting = (G.BinaryQuantizationQueryEncoding.Types.Setting)qe };
        }

        return b;
    }

    private static G.TurboQuantization TurboProto(JsonElement body)
    {
        var t = new G.TurboQuantization();
        if (AlwaysRam(body) is { } ar)
        {
            t.AlwaysRam = ar;
        }

        if (Memory(body) is { } m)
        {
            t.Memory = m;
        }

        if (Index(TurboBits, body, "bits", required: false) is var bits and >= 0)
        {
            t.Bits = (G.TurboQuantBitSize)bits;
        }

        return t;
    }

    private static bool? AlwaysRam(JsonElement body) => JsonElements.TryGet(body, "always_ram", out var v) ? v.GetBoolean() : null;

    private static G.Memory? Memory(JsonElement body) => Index(Memories, body, "memory", required: false) is var i and > 0 ? (G.Memory)i : null;

    /// <summary>Position of a string value in <paramref name="names"/>; -1 when absent; <see cref="FormatException"/> when unknown.</summary>
    private static int Index(string?[] names, JsonElement body, string field, bool required)
    {
        if (!JsonElements.TryGet(body, field, out var v))
        {
            return required ? throw new FormatException() : -1;
        }

        var i = v.ValueKind == JsonValueKind.String ? Array.IndexOf(names, v.GetString()) : -1;
        return i >= 0 ? i : throw new FormatException();
    }
}
