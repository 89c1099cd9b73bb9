using System.Text.Json;
using Citadel.Storage.Index.Payload.Schema;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Collections;

/// <summary>
/// <see cref="CollectionMetaOperation"/>s as JSON: the payload of the cluster's Raft log entries. Every field a replica
/// needs to apply the operation identically is in it (the proposer fixed the uuid and owner of a create).
/// </summary>
public static class MetaOperationJson
{
    public static byte[] Encode(CollectionMetaOperation operation)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            w.WriteStartObject();
            w.WriteString("op", operation.Name);
            switch (operation)
            {
                case CreateCollectionOperation c:
                    w.WriteString("name", c.CollectionName);
                    w.WriteString("uuid", c.Uuid);
                    if (c.Owner is { } owner)
                    {
                        w.WriteNumber("owner_peer", owner);
                    }

                    w.WritePropertyName("config");
                    CollectionConfigJson.Write(w, c.Config);
                    break;
                case UpdateCollectionOperation u:
                    w.WriteString("name", u.CollectionName);
                    w.WritePropertyName("update");
                    CollectionUpdateJson.Write(w, u.Update);
                    break;
                case DeleteCollectionOperation d:
                    w.WriteString("name", d.CollectionName);
                    break;
                case ChangeAliasesOperation a:
                    w.WritePropertyName("actions");
                    WriteActions(w, a.Actions);
                    break;
                case CreatePayloadIndexOperation p:
                    w.WriteString("name", p.CollectionName);
                    w.WriteString("field", p.FieldName.Text);
                    w.WritePropertyName("schema");
                    PayloadFieldSchemaJson.Write(w, p.FieldSchema);
                    break;
                case DropPayloadIndexOperation p:
                    w.WriteString("name", p.CollectionName);
                    w.WriteString("field", p.FieldName.Text);
                    break;
                case AdoptCatalogOperation a:
                    w.WritePropertyName("catalog");
                    CollectionCatalogJson.Write(w, a.Catalog);
                    break;
                default:
                    throw new ArgumentException($"Unknown operation {operation.GetType().Name}", nameof(operation));
            }

            w.WriteEndObject();
        }

        return ms.ToArray();
    }

    public static CollectionMetaOperation Decode(ReadOnlySpan<byte> json)
    {
        using var doc = JsonDocument.Parse(json.ToArray(), PayloadJson.DocumentOptions);
        var e = doc.RootElement;
        var op = e.GetProperty("op").GetString();
        string Name() => Text(e, "name");
        return op switch
        {
            "create_collection" => new CreateCollectionOperation(Name(), CollectionConfigJson.Read(e.GetProperty("config")))
            {
                Uuid = e.GetProperty("uuid").GetGuid(),
                Owner = e.TryGetProperty("owner_peer", out var o) ? o.GetUInt64() : null,
            },
            "update_collection" => new UpdateCollectionOperation(Name(), CollectionUpdateJson.Read(e.GetProperty("update"))),
            "delete_collection" => new DeleteCollectionOperation(Name()),
            "change_aliases" => new ChangeAliasesOperation(ReadActions(e.GetProperty("actions"))),
            "create_payload_index" => new CreatePayloadIndexOperation(Name(), JsonPath.Parse(Text(e, "field")), PayloadFieldSchemaJson.Read(e.GetProperty("schema"))),
            "drop_payload_index" => new DropPayloadIndexOperation(Name(), JsonPath.Parse(Text(e, "field"))),
            "adopt_catalog" => new AdoptCatalogOperation(CollectionCatalogJson.Read(e.GetProperty("catalog"))),
            _ => throw new JsonException($"unknown metadata operation `{op}`"),
        };
    }

    // A required string that is null in the JSON is a malformed operation, not a null name further down.
    private static string Text(JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new JsonException($"`{property}` must be a string");

    private static void WriteActions(Utf8JsonWriter w, IReadOnlyList<AliasAction> actions)
    {
        w.WriteStartArray();
        foreach (var action in actions)
        {
            w.WriteStartObject();
            switch (action)
            {
                case CreateAlias c:
                    w.WriteStartObject("create_alias");
                    w.WriteString("collection_name", c.CollectionName);
                    w.WriteString("alias_name", c.AliasName);
                    break;
                case DeleteAlias d:
                    w.WriteStartObject("delete_alias");
                    w.WriteString("alias_name", d.AliasName);
                    break;
                case RenameAlias r:
                    w.WriteStartObject("rename_alias");
                    w.WriteString("old_alias_name", r.OldAliasName);
                    w.WriteString("new_alias_name", r.NewAliasName);
                    break;
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static List<AliasAction> ReadActions(JsonElement actions)
    {
        var list = new List<AliasAction>();
        foreach (var a in actions.EnumerateArray())
        {
            var p = a.EnumerateObject().Single();
            var v = p.Value;
            list.Add(p.Name switch
            {
                "create_alias" => new CreateAlias(Text(v, "collection_name"), Text(v, "alias_name")),
                "delete_alias" => new DeleteAlias(Text(v, "alias_name")),
                "rename_alias" => new RenameAlias(Text(v, "old_alias_name"), Text(v, "new_alias_name")),
                _ => throw new JsonException($"unknown alias action `{p.Name}`"),
            });
        }

        return list;
    }
}
