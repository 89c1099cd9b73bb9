using System.Collections.Immutable;
using System.Text.Json;
using Citadel.Storage.Index.Payload.Schema;

namespace Citadel.Storage.Collections;

/// <summary>
/// The whole <see cref="CollectionCatalog"/> as JSON: what a Raft snapshot of the cluster's metadata holds.
/// <c>{"collections": [{name, uuid, owner_peer?, config, payload_schema}], "aliases": {alias: collection}}</c>.
/// </summary>
public static class CollectionCatalogJson
{
    public static byte[] Write(CollectionCatalog catalog)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            Write(w, catalog);
        }

        return ms.ToArray();
    }

    public static CollectionCatalog Read(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray(), Payloads.PayloadJson.DocumentOptions);
        return Read(doc.RootElement);
    }

    internal static void Write(Utf8JsonWriter w, CollectionCatalog catalog)
    {
        w.WriteStartObject();
        w.WritePropertyName("collections");
        w.WriteStartArray();
        foreach (var entry in catalog.Collections.Values)
        {
            WriteEntry(w, entry);
        }

        w.WriteEndArray();
        w.WritePropertyName("aliases");
        w.WriteStartObject();
        foreach (var (alias, collection) in catalog.Aliases)
        {
            w.WriteString(alias, collection);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    internal static CollectionCatalog Read(JsonElement root)
    {
        var collections = ImmutableSortedDictionary.CreateBuilder<string, CatalogEntry>(StringComparer.Ordinal);
        foreach (var e in root.GetProperty("collections").EnumerateArray())
        {
            var entry = ReadEntry(e);
            collections[entry.Name] = entry;
        }

        var aliases = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var a in root.GetProperty("aliases").EnumerateObject())
        {
            aliases[a.Name] = a.Value.GetString()!;
        }

        return new CollectionCatalog(collections.ToImmutable(), aliases.ToImmutable());
    }

    internal static void WriteEntry(Utf8JsonWriter w, CatalogEntry entry)
    {
        w.WriteStartObject();
        w.WriteString("name", entry.Name);
        w.WriteString("uuid", entry.Uuid);
        if (entry.Owner is { } owner)
        {
            w.WriteNumber("owner_peer", owner);
        }

        w.WritePropertyName("config");
        CollectionConfigJson.Write(w, entry.Config);
        w.WritePropertyName("payload_schema");
        entry.Schema.Write(w);
        w.WriteEndObject();
    }

    internal static CatalogEntry ReadEntry(JsonElement e) => new(
        e.GetProperty("name").GetString()!,
        e.GetProperty("uuid").GetGuid(),
        e.TryGetProperty("owner_peer", out var o) ? o.GetUInt64() : null,
        CollectionConfigJson.Read(e.GetProperty("config")),
        PayloadSchema.Read(e.GetProperty("payload_schema")));
}
