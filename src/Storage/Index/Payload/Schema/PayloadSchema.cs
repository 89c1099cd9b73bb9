using System.Text.Json;
using Citadel.Storage.IO;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Index.Payload.Schema;

/// <summary>One indexed payload field.</summary>
/// <param name="Path">The field, a JSON path.</param>
/// <param name="Schema">Its index type and options.</param>
public sealed record PayloadIndexField(JsonPath Path, PayloadFieldSchema Schema);

/// <summary>
/// The payload indexes of a collection (Qdrant's <c>payload_schema</c>): at most one index per field. Immutable; a
/// change makes a new instance. Persisted next to the collection's <c>config.json</c> as <c>payload_index.json</c>,
/// <c>{"schema": {field: schema}}</c>: like Qdrant, the schema lives apart from the collection config.
/// </summary>
public sealed class PayloadSchema
{
    /// <summary>The file name inside the collection directory.</summary>
    public const string FileName = "payload_index.json";

    /// <summary>No indexes.</summary>
    public static readonly PayloadSchema Empty = new(new Dictionary<JsonPath, PayloadIndexField>());

    private readonly Dictionary<JsonPath, PayloadIndexField> _fields;

    private PayloadSchema(Dictionary<JsonPath, PayloadIndexField> fields)
    {
        _fields = fields;
        Fields = [.. fields.Values.OrderBy(f => f.Path.Text, StringComparer.Ordinal)];
    }

    /// <summary>The indexed fields, ordered by path text.</summary>
    public IReadOnlyList<PayloadIndexField> Fields { get; }

    /// <summary>Number of indexed fields.</summary>
    public int Count => _fields.Count;

    /// <summary>The index on exactly this path, or null.</summary>
    public PayloadIndexField? Find(JsonPath path) => _fields.GetValueOrDefault(path);

    /// <summary>This schema with <paramref name="path"/> indexed as <paramref name="schema"/> (replacing any index there).</summary>
    public PayloadSchema With(JsonPath path, PayloadFieldSchema schema) =>
        new(new Dictionary<JsonPath, PayloadIndexField>(_fields) { [path] = new PayloadIndexField(path, schema) });

    /// <summary>This schema without an index on <paramref name="path"/>.</summary>
    public PayloadSchema Without(JsonPath path)
    {
        var fields = new Dictionary<JsonPath, PayloadIndexField>(_fields);
        fields.Remove(path);
        return new(fields);
    }

    /// <summary>Reads <see cref="FileName"/> from a collection directory; empty when there is none.</summary>
    public static PayloadSchema Load(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Empty;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return Read(doc.RootElement.GetProperty("schema"));
    }

    /// <summary>Reads a <c>{field: schema}</c> object.</summary>
    public static PayloadSchema Read(JsonElement schema)
    {
        var fields = new Dictionary<JsonPath, PayloadIndexField>();
        foreach (var p in schema.EnumerateObject())
        {
            var key = JsonPath.Parse(p.Name);
            fields[key] = new PayloadIndexField(key, PayloadFieldSchemaJson.Read(p.Value));
        }

        return new(fields);
    }

    /// <summary>Writes a <c>{field: schema}</c> object.</summary>
    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        foreach (var field in Fields)
        {
            w.WritePropertyName(field.Path.Text);
            PayloadFieldSchemaJson.Write(w, field.Schema);
        }

        w.WriteEndObject();
    }

    /// <summary>Writes <see cref="FileName"/> atomically and durably.</summary>
    public void Save(string directory) =>
        DurableFile.Write(System.IO.Path.Combine(directory, FileName), s =>
        {
            using var w = new Utf8JsonWriter(s, new JsonWriterOptions { Indented = true });
            w.WriteStartObject();
            w.WritePropertyName("schema");
            Write(w);
            w.WriteEndObject();
        });
}
