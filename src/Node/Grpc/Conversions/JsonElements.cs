using System.Buffers;
using System.Text.Json;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>
/// Builds <see cref="JsonElement"/>s for settings the storage layer keeps as JSON in the REST shape
/// (quantization, strict mode), so a collection created over gRPC is stored exactly like one created over REST.
/// </summary>
internal static class JsonElements
{
    public static JsonElement Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            write(w);
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        return doc.RootElement.Clone();
    }

    /// <summary>A property of an object element, when the element is an object and has it (not null).</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The only property of an object element, if it has exactly one.</summary>
    public static bool TrySingle(JsonElement obj, out string name, out JsonElement value)
    {
        name = string.Empty;
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var count = 0;
        foreach (var p in obj.EnumerateObject())
        {
            (name, value) = (p.Name, p.Value);
            count++;
        }

        return count == 1;
    }
}
