using System.Text.Json;
using Citadel.Storage.Collections;
using Citadel.Storage.Index.Payload.Facets;
using Citadel.Storage.Index.Payload.Schema;

namespace Citadel.Node.Rest.Writers;

/// <summary>JSON for <c>payload_schema</c> in collection info and for facet responses, in Qdrant's shapes.</summary>
internal static class PayloadIndexWriters
{
    /// <summary><c>{field: {data_type, params?, points}}</c>.</summary>
    public static void PayloadSchema(Utf8JsonWriter w, Collection c)
    {
        w.WriteStartObject();
        foreach (var field in c.PayloadSchema.Fields)
        {
            w.WritePropertyName(field.Path.Text);
            PayloadFieldSchemaJson.WriteInfo(w, field.Schema, c.CountIndexedPoints(field.Path));
        }

        w.WriteEndObject();
    }

    /// <summary><c>{"hits": [{"value", "count"}]}</c>.</summary>
    public static void Facet(Utf8JsonWriter w, IEnumerable<FacetHit> hits)
    {
        w.WriteStartObject();
        w.WritePropertyName("hits");
        w.WriteStartArray();
        foreach (var hit in hits)
        {
            w.WriteStartObject();
            w.WritePropertyName("value");
            switch (hit.Value.Kind)
            {
                case FacetValueKind.Integer:
                    w.WriteNumberValue(hit.Value.Integer);
                    break;
                case FacetValueKind.Bool:
                    w.WriteBooleanValue(hit.Value.Bool);
                    break;
                default:
                    w.WriteStringValue(hit.Value.ToString());
                    break;
            }

            w.WriteNumber("count", hit.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
