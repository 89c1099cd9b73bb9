using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Citadel.Grpc;
using Google.Protobuf.Collections;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// <c>qdrant.Value</c>/<c>Struct</c> (json_with_int.proto) to and from <see cref="JsonElement"/>. Integers and
/// doubles stay distinct both ways, as in Qdrant: a double is written with a fraction or exponent (<c>1.0</c>),
/// and only a JSON number without one that fits in 64 bits reads back as <c>integer_value</c>.
/// </summary>
internal static class ValueConversions
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 256 };

    /// <summary>A payload map as a JSON object element; an empty map is "no payload" (<c>default</c>).</summary>
    public static JsonElement Payload(MapField<string, Value> fields) => fields.Count == 0 ? default : Object(fields);

    /// <summary>A map as a JSON object element, empty or not (set/overwrite payload, metadata).</summary>
    public static JsonElement Object(MapField<string, Value> fields)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            WriteObject(w, fields);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory, ParseOptions);
        return doc.RootElement.Clone();
    }

    /// <summary>Copies the properties of a JSON object into <paramref name="target"/>; other kinds add nothing.</summary>
    public static void CopyTo(JsonElement? element, MapField<string, Value> target)
    {
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return;
        }

        foreach (var p in obj.EnumerateObject())
        {
            // Later duplicates win, as serde_json keeps the last one.
            target[p.Name] = ToValue(p.Value);
        }
    }

    public static Value ToValue(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => StructValue(e),
        JsonValueKind.Array => ListValue(e),
        JsonValueKind.String => new Value { StringValue = e.GetString() },
        JsonValueKind.Number => NumberValue(e),
        JsonValueKind.True => new Value { BoolValue = true },
        JsonValueKind.False => new Value { BoolValue = false },
        _ => new Value { NullValue = NullValue.NullValue },
    };

    private static Value StructValue(JsonElement e)
    {
        var s = new Struct();
        CopyTo(e, s.Fields);
        return new Value { StructValue = s };
    }

    private static Value ListValue(JsonElement e)
    {
        var list = new ListValue();
        foreach (var item in e.EnumerateArray())
        {
            list.Values.Add(ToValue(item));
        }

        return new Value { ListValue = list };
    }

    private static Value NumberValue(JsonElement e)
    {
        var raw = e.GetRawText();
        if (raw.AsSpan().IndexOfAny(".eE") < 0 && e.TryGetInt64(out var integer))
        {
            return new Value { IntegerValue = integer };
        }

        // Beyond f64 range System.Text.Json refuses; the invariant parser yields ±infinity like a lossy f64 cast.
        return new Value { DoubleValue = e.TryGetDouble(out var d) ? d : double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture) };
    }

    private static void WriteObject(Utf8JsonWriter w, MapField<string, Value> fields)
    {
        w.WriteStartObject();
        foreach (var (key, value) in fields)
        {
            w.WritePropertyName(key);
            Write(w, value);
        }

        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, Value? value)
    {
        switch (value?.KindCase ?? Value.KindOneofCase.None)
        {
            case Value.KindOneofCase.DoubleValue:
                w.WriteRawValue(Double(value!.DoubleValue), skipInputValidation: true);
                break;
            case Value.KindOneofCase.IntegerValue:
                w.WriteNumberValue(value!.IntegerValue);
                break;
            case Value.KindOneofCase.StringValue:
                w.WriteStringValue(value!.StringValue);
                break;
            case Value.KindOneofCase.BoolValue:
                w.WriteBooleanValue(value!.BoolValue);
                break;
            case Value.KindOneofCase.StructValue:
                WriteObject(w, value!.StructValue.Fields);
                break;
            case Value.KindOneofCase.ListValue:
                w.WriteStartArray();
                foreach (var item in value!.ListValue.Values)
                {
                    Write(w, item);
                }

                w.WriteEndArray();
                break;
            default:
                // An unset kind is JSON null, as serde_json's default value.
                w.WriteNullValue();
                break;
        }
    }

    /// <summary>A double as JSON text that still reads as a double (<c>1.0</c>, not <c>1</c>).</summary>
    private static string Double(double d)
    {
        if (!double.IsFinite(d))
        {
            throw GrpcInput.Invalid("cannot convert to json number");
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny(".eE") < 0 ? text + ".0" : text;
    }
}
