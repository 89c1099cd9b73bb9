using System.Text.Json;
using Citadel.Common.Errors;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Points;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads point update bodies: upserts, selectors, payload and vector operations, batches.</summary>
internal static class PointsParser
{
    /// <summary><c>PointInsertOperations</c>: <c>{"points": [...]}</c> or <c>{"batch": {...}}</c>.</summary>
    public static UpsertPoints Upsert(JNode body)
    {
        body.Object("points", "batch", "shard_key", "update_filter", "update_mode");
        ShardKeys.RejectShardKey(body);
        var filter = body.Optional("update_filter") is { } f ? FilterParser.Parse(f) : null;
        var mode = body.Optional("update_mode") is { } m ? Mode(m) : UpdateMode.Upsert;
        if (body.Optional("points") is { } points)
        {
            if (body.Has("batch"))
            {
                throw body.InvalidValue("expected either `points` or `batch`, not both");
            }

            return new UpsertPoints(points.Items().Select(Point).ToList(), filter, mode);
        }

        if (body.Optional("batch") is { } batch)
        {
            return new UpsertPoints(Batch(batch), filter, mode);
        }

        throw body.InvalidValue("data did not match any variant of untagged enum PointInsertOperations: expected `points` or `batch`");
    }

    private static UpdateMode Mode(JNode node) => node.String() switch
    {
        "upsert" => UpdateMode.Upsert,
        "insert_only" => UpdateMode.InsertOnly,
        "update_only" => UpdateMode.UpdateOnly,
        var other => throw node.InvalidValue($"unknown variant `{other}`, expected one of `upsert`, `insert_only`, `update_only`"),
    };

    private static PointStruct Point(JNode node)
    {
        node.Object("id", "vector", "payload");
        return new PointStruct(PointIdParser.Parse(node.Required("id")), Vectors(node.Required("vector")), Payload(node.Optional("payload")));
    }

    private static List<PointStruct> Batch(JNode node)
    {
        node.Object("ids", "vectors", "payloads");
        var ids = PointIdParser.ParseList(node.Required("ids"));
        var vectorsNode = node.Required("vectors");
        var perPoint = new List<Dictionary<string, float[]>>(ids.Count);
        if (vectorsNode.Kind == JsonValueKind.Array)
        {
            foreach (var v in vectorsNode.Items())
            {
                perPoint.Add(new Dictionary<string, float[]>(StringComparer.Ordinal) { [string.Empty] = DenseVector(v) });
            }
        }
        else if (vectorsNode.Kind == JsonValueKind.Object)
        {
            for (var i = 0; i < ids.Count; i++)
            {
                perPoint.Add(new Dictionary<string, float[]>(StringComparer.Ordinal));
            }

            foreach (var (name, list) in vectorsNode.Properties())
            {
                var items = list.Items().ToList();
                if (items.Count != ids.Count)
                {
                    throw list.InvalidValue($"number of vectors ({items.Count}) does not match number of ids ({ids.Count})");
                }

                for (var i = 0; i < items.Count; i++)
                {
                    perPoint[i][name] = DenseVector(items[i]);
                }
            }
        }
        else
        {
            throw vectorsNode.Invalid("a list of vectors or a map of named vector lists");
        }

        if (perPoint.Count != ids.Count)
        {
            throw CitadelException.BadInput($"number of ids ({ids.Count}) does not match number of vectors ({perPoint.Count})");
        }

        var payloads = node.Optional("payloads") is { } p ? p.Items().Select(x => Payload(x)).ToList() : null;
        if (payloads is not null && payloads.Count != ids.Count)
        {
            throw CitadelException.BadInput($"number of payloads ({payloads.Count}) does not match number of ids ({ids.Count})");
        }

        return ids.Select((id, i) => new PointStruct(id, perPoint[i], payloads?[i] ?? default)).ToList();
    }

    /// <summary><c>VectorStruct</c>: a dense vector (the unnamed one) or a map of named vectors.</summary>
    public static Dictionary<string, float[]> Vectors(JNode node)
    {
        if (node.Kind == JsonValueKind.Array)
        {
            return new Dictionary<string, float[]>(StringComparer.Ordinal) { [string.Empty] = DenseVector(node) };
        }

        if (node.Kind != JsonValueKind.Object)
        {
            throw node.Invalid("a vector or a map of named vectors");
        }

        var result = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, v) in node.Properties())
        {
            result[name] = DenseVector(v);
        }

        return result;
    }

    /// <summary>A dense vector; sparse vectors, multivectors and inference objects are refused clearly.</summary>
    public static float[] DenseVector(JNode node)
    {
        if (node.Kind == JsonValueKind.Object)
        {
            throw CitadelException.BadInput(node.Has("indices")
                ? "Sparse vectors are not supported by Citadel yet"
                : "Inference objects (documents, images) are not supported by Citadel: send vectors");
        }

        if (node.Kind == JsonValueKind.Array && node.ArrayLength > 0 && node.Element[0].ValueKind == JsonValueKind.Array)
        {
            throw CitadelException.BadInput("Multivectors are not supported by Citadel yet");
        }

        return node.FloatArray();
    }

    /// <summary>A payload: an object, or null/absent for none.</summary>
    public static JsonElement Payload(JNode? node)
    {
        if (node is not { } n || n.IsNull)
        {
            return default;
        }

        if (n.Kind != JsonValueKind.Object)
        {
            throw n.Invalid("a map (payload must be a JSON object)");
        }

        RequireFiniteNumbers(n);
        return n.Element.Clone();
    }

    /// <summary>
    /// Payload numbers are kept as written, so one that is not a finite f64 (<c>1e999</c>) would be stored and served
    /// back as something no client can read; Qdrant's JSON reader refuses it with "number out of range".
    /// </summary>
    private static void RequireFiniteNumbers(JNode node)
    {
        switch (node.Kind)
        {
            case JsonValueKind.Number:
                if (!node.Element.TryGetDouble(out var d) || !double.IsFinite(d))
                {
                    throw node.InvalidValue($"number out of range: {node.Element.GetRawText()}");
                }

                break;
            case JsonValueKind.Object:
                foreach (var (_, value) in node.Properties())
                {
                    RequireFiniteNumbers(value);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in node.Items())
                {
                    RequireFiniteNumbers(item);
                }

                break;
            default:
                break;
        }
    }

    /// <summary><c>PointsSelector</c>: <c>{"points": [...]}</c> or <c>{"filter": {...}}</c>.</summary>
    public static PointsSelector Selector(JNode body)
    {
        body.Object("points", "filter", "shard_key");
        ShardKeys.RejectShardKey(body);
        if (body.Optional("points") is { } points)
        {
            return new IdsSelector(PointIdParser.ParseList(points));
        }

        if (body.Optional("filter") is { } filter)
        {
            return new FilterSelector(FilterParser.Parse(filter));
        }

        throw body.InvalidValue("data did not match any variant of untagged enum PointsSelector: expected `points` or `filter`");
    }

    /// <summary>Selector given as optional <c>points</c> and/or <c>filter</c> fields next to other fields.</summary>
    private static PointsSelector InlineSelector(JNode body)
    {
        var points = body.Optional("points") is { } p ? PointIdParser.ParseList(p) : null;
        var filter = body.Optional("filter") is { } f ? FilterParser.Parse(f) : null;
        if (points is not null && filter is not null)
        {
            // Both given: the listed points that also match the filter.
            return new FilterSelector(filter with { Must = [.. filter.Must, new Storage.Filtering.HasIdCondition(points.ToHashSet())] });
        }

        if (points is not null)
        {
            return new IdsSelector(points);
        }

        if (filter is not null)
        {
            return new FilterSelector(filter);
        }

        throw CitadelException.Validation("Either list of point ids or filter must be provided");
    }

    public static SetPayload SetPayload(JNode body)
    {
        body.Object("payload", "points", "filter", "shard_key", "key");
        ShardKeys.RejectShardKey(body);
        var payload = Payload(body.Required("payload"));
        var key = body.Optional("key") is { } k ? JsonPath.Parse(k.String()) : null;
        return new SetPayload(payload, InlineSelector(body), key);
    }

    public static OverwritePayload OverwritePayload(JNode body)
    {
        body.Object("payload", "points", "filter", "shard_key", "key");
        ShardKeys.RejectShardKey(body);
        return new OverwritePayload(Payload(body.Required("payload")), InlineSelector(body));
    }

    public static DeletePayload DeletePayload(JNode body)
    {
        body.Object("keys", "points", "filter", "shard_key");
        ShardKeys.RejectShardKey(body);
        var keys = body.Required("keys").Items().Select(k => JsonPath.Parse(k.String())).ToList();
        return new DeletePayload(keys, InlineSelector(body));
    }

    public static UpdateVectors UpdateVectors(JNode body)
    {
        body.Object("points", "shard_key", "update_filter");
        ShardKeys.RejectShardKey(body);
        var points = body.Required("points").Items().Select(p =>
        {
            p.Object("id", "vector");
            return new PointVectors(PointIdParser.Parse(p.Required("id")), Vectors(p.Required("vector")));
        }).ToList();
        if (points.Count == 0)
        {
            throw CitadelException.Validation("points: must contain at least 1 item");
        }

        var filter = body.Optional("update_filter") is { } f ? FilterParser.Parse(f) : null;
        return new UpdateVectors(points, filter);
    }

    public static DeleteVectors DeleteVectors(JNode body)
    {
        body.Object("points", "filter", "vector", "shard_key");
        ShardKeys.RejectShardKey(body);
        var names = body.Required("vector").Items().Select(n => n.String()).ToList();
        if (names.Count == 0)
        {
            throw CitadelException.Validation("vector: must contain at least 1 item");
        }

        return new DeleteVectors(InlineSelector(body), names);
    }

    /// <summary><c>UpdateOperations</c>: <c>{"operations": [{"upsert": ...}, {"delete": ...}, ...]}</c>.</summary>
    public static List<UpdateOperation> Operations(JNode body)
    {
        body.Object("operations");
        return body.Required("operations").Items().Select(op =>
        {
            var props = op.Properties().ToList();
            if (props.Count != 1)
            {
                throw op.InvalidValue("each operation must have exactly one of `upsert`, `delete`, `set_payload`, `overwrite_payload`, `delete_payload`, `clear_payload`, `update_vectors`, `delete_vectors`");
            }

            var (name, value) = props[0];
            return name switch
            {
                "upsert" => Upsert(value),
                "delete" => (UpdateOperation)new DeletePoints(Selector(value)),
                "set_payload" => SetPayload(value),
                "overwrite_payload" => OverwritePayload(value),
                "delete_payload" => DeletePayload(value),
                "clear_payload" => new ClearPayload(Selector(value)),
                "update_vectors" => UpdateVectors(value),
                "delete_vectors" => DeleteVectors(value),
                _ => throw op.InvalidValue($"unknown variant `{name}`"),
            };
        }).ToList();
    }
}

/// <summary>Custom sharding is not available yet; requests naming a shard key are refused rather than silently misrouted.</summary>
internal static class ShardKeys
{
    public static void RejectShardKey(JNode body)
    {
        if (body.Has("shard_key"))
        {
            throw CitadelException.BadRequest("Shard selection is only supported for collections with custom sharding");
        }
    }
}
