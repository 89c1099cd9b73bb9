using System.Text.Json;
using Citadel.Storage.Operations;
using Citadel.Storage.Points;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Writers;

/// <summary>JSON for points in Qdrant's shapes: <c>Record</c>, <c>ScoredPoint</c>, <c>UpdateResult</c>.</summary>
internal static class PointWriters
{
    public static void Id(Utf8JsonWriter w, PointId id)
    {
        if (id.IsUuid)
        {
            w.WriteStringValue(id.ToString());
        }
        else
        {
            w.WriteNumberValue(id.Num);
        }
    }

    public static void Record(Utf8JsonWriter w, PointRecord r)
    {
        w.WriteStartObject();
        w.WritePropertyName("id");
        Id(w, r.Id);
        Payload(w, r.Payload);
        Vectors(w, r.Vectors);
        if (r.OrderValue is { } ov)
        {
            w.WritePropertyName("order_value");
            OrderValue(w, ov);
        }

        w.WriteEndObject();
    }

    public static void Scored(Utf8JsonWriter w, ScoredPoint p)
    {
        w.WriteStartObject();
        w.WritePropertyName("id");
        Id(w, p.Id);
        w.WriteNumber("version", p.Version);
        w.WriteNumber("score", p.Score);
        Payload(w, p.Payload);
        Vectors(w, p.Vectors);
        if (p.OrderValue is { } ov)
        {
            w.WritePropertyName("order_value");
            OrderValue(w, ov);
        }

        w.WriteEndObject();
    }

    public static void ScoredList(Utf8JsonWriter w, IEnumerable<ScoredPoint> points)
    {
        w.WriteStartArray();
        foreach (var p in points)
        {
            Scored(w, p);
        }

        w.WriteEndArray();
    }

    public static void Update(Utf8JsonWriter w, UpdateResult r)
    {
        w.WriteStartObject();
        w.WriteNumber("operation_id", r.OperationId);
        w.WriteString("status", r.Status == UpdateStatus.Completed ? "completed" : "acknowledged");
        w.WriteEndObject();
    }

    /// <summary>The unnamed vector alone prints as a bare array; named vectors as an object (Qdrant's <c>VectorStructOutput</c>).</summary>
    public static void VectorStruct(Utf8JsonWriter w, IReadOnlyDictionary<string, float[]> vectors)
    {
        if (vectors.Count == 1 && vectors.TryGetValue(string.Empty, out var single))
        {
            Floats(w, single);
            return;
        }

        w.WriteStartObject();
        foreach (var (name, v) in vectors)
        {
            w.WritePropertyName(name);
            Floats(w, v);
        }

        w.WriteEndObject();
    }

    private static void Payload(Utf8JsonWriter w, JsonElement? payload)
    {
        if (payload is not { } p)
        {
            w.WriteNull("payload");
            return;
        }

        w.WritePropertyName("payload");
        if (p.ValueKind == JsonValueKind.Undefined)
        {
            w.WriteStartObject();
            w.WriteEndObject();
        }
        else
        {
            p.WriteTo(w);
        }
    }

    private static void Vectors(Utf8JsonWriter w, IReadOnlyDictionary<string, float[]>? vectors)
    {
        if (vectors is null)
        {
            w.WriteNull("vector");
            return;
        }

        w.WritePropertyName("vector");
        VectorStruct(w, vectors);
    }

    private static void Floats(Utf8JsonWriter w, float[] v)
    {
        w.WriteStartArray();
        foreach (var x in v)
        {
            w.WriteNumberValue(x);
        }

        w.WriteEndArray();
    }

    private static void OrderValue(Utf8JsonWriter w, OrderValue v)
    {
        if (v.IsInteger)
        {
            w.WriteNumberValue(v.AsInteger);
        }
        else
        {
            w.WriteNumberValue(v.Value);
        }
    }
}
