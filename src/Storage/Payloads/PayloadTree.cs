using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Citadel.Storage.Payloads;

/// <summary>
/// A mutable copy of a JSON value for payload edits. Objects keep their key order and hold each key once
/// (a repeated key in the source keeps its first position and its last value, like serde_json); scalars stay
/// as the original elements so numbers are written back with their exact text.
/// </summary>
internal abstract class PayloadNode
{
    public static PayloadNode From(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => PayloadObject.FromElement(element),
        JsonValueKind.Array => PayloadArray.FromElement(element),
        _ => new PayloadLeaf(element),
    };

    public abstract void WriteTo(Utf8JsonWriter writer);
}

/// <summary>A scalar: string, number, bool or null.</summary>
internal sealed class PayloadLeaf(JsonElement value) : PayloadNode
{
    public JsonElement Value { get; } = value;

    public bool IsNull => Value.ValueKind == JsonValueKind.Null;

    public override void WriteTo(Utf8JsonWriter writer) => Value.WriteTo(writer);
}

/// <summary>An array.</summary>
internal sealed class PayloadArray : PayloadNode
{
    public List<PayloadNode> Items { get; } = [];

    public static PayloadArray FromElement(JsonElement element)
    {
        var array = new PayloadArray();
        foreach (var item in element.EnumerateArray())
        {
            array.Items.Add(From(item));
        }

        return array;
    }

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}

/// <summary>An object with unique keys in insertion order.</summary>
internal sealed class PayloadObject : PayloadNode
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public OrderedDictionary<string, PayloadNode> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The payload as an object; a missing payload (default element) is an empty one.</summary>
    public static PayloadObject FromPayload(JsonElement payload, string what) => payload.ValueKind switch
    {
        JsonValueKind.Undefined => new PayloadObject(),
        JsonValueKind.Object => FromElement(payload),
        _ => throw Common.Errors.CitadelException.BadInput($"{what} must be a JSON object, got {payload.ValueKind.ToString().ToLowerInvariant()}"),
    };

    public static PayloadObject FromElement(JsonElement element)
    {
        var obj = new PayloadObject();
        foreach (var property in element.EnumerateObject())
        {
            obj.Entries[property.Name] = From(property.Value);
        }

        return obj;
    }

    public override void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (key, value) in Entries)
        {
            writer.WritePropertyName(key);
            value.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>Serialises this object into a standalone element that outlives any document.</summary>
    public JsonElement ToElement()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory, PayloadJson.DocumentOptions);
        return document.RootElement.Clone();
    }
}
