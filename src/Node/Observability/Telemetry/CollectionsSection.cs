using System.Text.Json;
using Citadel.Storage.Collections;

namespace Citadel.Node.Observability.Telemetry;

/// <summary>
/// Telemetry's <c>collections</c> section: the number of collections the caller may see; from details level 1 one
/// entry per collection (id, config, point counts); from level 2 its shards as well.
/// </summary>
internal static class CollectionsSection
{
    public static void Write(Utf8JsonWriter w, TelemetryContext context)
    {
        var names = context.VisibleCollections();
        w.WriteStartObject();
        w.WriteNumber("number_of_collections", names.Count);
        if (context.Settings.Storage.MaxCollections is { } max)
        {
            w.WriteNumber("max_collections", max);
        }

        if (context.Request.DetailsLevel >= 1)
        {
            w.WritePropertyName("collections");
            w.WriteStartArray();
            foreach (var name in names)
            {
                if (context.Collections.TryGet(name) is { } collection)
                {
                    Collection(w, collection, context);
                }
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void Collection(Utf8JsonWriter w, Collection c, TelemetryContext context)
    {
        w.WriteStartObject();
        w.WriteString("id", context.Anonymizer.Name(c.Name));
        w.WritePropertyName("config");
        CollectionConfigJson.Write(w, c.Config);
        if (context.Request.DetailsLevel >= 2)
        {
            w.WritePropertyName("shards");
            w.WriteStartArray();
            foreach (var shard in c.Shards)
            {
                w.WriteStartObject();
                w.WriteNumber("id", shard.Id);
                w.WritePropertyName("local");
                w.WriteStartObject();
                w.WriteString("variant_name", "local");
                w.WriteString("status", c.IndexingPending ? "yellow" : "green");
                w.WriteNumber("num_points", shard.PointCount);
                w.WriteNumber("num_segments", shard.SegmentCount);
                w.WriteEndObject();
                w.WriteStartArray("remote");
                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }
}
