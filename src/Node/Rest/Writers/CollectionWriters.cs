using System.Text.Json;
using Citadel.Storage.Collections;

namespace Citadel.Node.Rest.Writers;

/// <summary>JSON for collection info, lists and aliases in Qdrant's shapes.</summary>
internal static class CollectionWriters
{
    public static void Info(Utf8JsonWriter w, Collection c)
    {
        w.WriteStartObject();
        // Yellow while segments wait for or get their HNSW index, as Qdrant reports a running optimization.
        w.WriteString("status", c.IndexingPending ? "yellow" : "green");
        w.WriteString("optimizer_status", "ok");
        w.WriteNumber("indexed_vectors_count", c.IndexedVectorsCount);
        w.WriteNumber("points_count", c.PointCount);
        w.WriteNumber("segments_count", c.SegmentCount);
        w.WritePropertyName("config");
        CollectionConfigJson.Write(w, c.Config);
        w.WritePropertyName("payload_schema");
        PayloadIndexWriters.PayloadSchema(w, c);
        w.WriteEndObject();
    }

    public static void List(Utf8JsonWriter w, IEnumerable<string> names)
    {
        w.WriteStartObject();
        w.WritePropertyName("collections");
        w.WriteStartArray();
        foreach (var name in names)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Aliases(Utf8JsonWriter w, IEnumerable<KeyValuePair<string, string>> aliases)
    {
        w.WriteStartObject();
        w.WritePropertyName("aliases");
        w.WriteStartArray();
        foreach (var (alias, collection) in aliases)
        {
            w.WriteStartObject();
            w.WriteString("alias_name", alias);
            w.WriteString("collection_name", collection);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
