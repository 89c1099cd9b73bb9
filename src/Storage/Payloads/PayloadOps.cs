using System.Text.Json;

namespace Citadel.Storage.Payloads;

/// <summary>
/// Qdrant's payload edits on immutable payloads: each operation returns a new object element. A missing payload
/// (default element) counts as <c>{}</c>. Matches <c>lib/segment/src/json_path/mod.rs</c> (<c>value_set</c>,
/// <c>value_remove</c>, <c>value_filter</c>) and <c>common/utils.rs</c> (<c>merge_map</c>).
/// </summary>
public static class PayloadOps
{
    /// <summary>
    /// The payload with duplicate keys resolved (last value wins, at the first key's position) at every depth.
    /// </summary>
    public static JsonElement Normalize(JsonElement payload) => PayloadObject.FromPayload(payload, "Payload").ToElement();

    /// <summary>
    /// <c>set_payload</c>: merges the top-level keys of <paramref name="values"/> into the payload, or, with
    /// <paramref name="key"/>, into the object at that path. A null value removes its key instead of storing null
    /// (Qdrant's <c>merge_map</c>). Along the path, anything that is not the kind the next step needs is replaced:
    /// a non-object by <c>{}</c> before a key or at the end, a non-array by <c>[]</c> before <c>[N]</c> or <c>[]</c>.
    /// A missing key is created; <c>[N]</c> past the end of an array and <c>[]</c> over an empty array set nothing.
    /// </summary>
    public static JsonElement Set(JsonElement payload, JsonElement values, JsonPath? key)
    {
        var root = PayloadObject.FromPayload(payload, "Payload");
        var source = PayloadObject.FromPayload(values, "Payload to set");
        if (key is null)
        {
            Merge(root, source);
        }
        else
        {
            SetInMap(root, key.FirstKey, key, 0, source);
        }

        return root.ToElement();
    }

    /// <summary>
    /// <c>delete_payload</c>: removes each path. A path ending in a key removes that key; one ending in <c>[]</c>
    /// empties the array (the key stays); one ending in <c>[N]</c> removes nothing, because Qdrant refuses
    /// index deletes as not idempotent. Missing paths are ignored.
    /// </summary>
    public static JsonElement DeleteKeys(JsonElement payload, IEnumerable<JsonPath> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var root = PayloadObject.FromPayload(payload, "Payload");
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key);
            Remove(root, key);
        }

        return root.ToElement();
    }

    /// <summary>
    /// <c>with_payload</c>: the part of the payload the selector asks for; the default element for
    /// <see cref="PayloadSelector.None"/>. <see cref="PayloadSelector.All"/> returns the payload as stored (a missing
    /// one as <c>{}</c>). Include keeps every value whose path and a pattern agree as far as both go, so nested
    /// patterns return the nested structure; exclude drops every value under a pattern. Array elements are
    /// addressed as <c>[]</c>, so only <c>a[].b</c>, not <c>a.b</c> or <c>a[0].b</c>, reaches into an array.
    /// </summary>
    public static JsonElement Select(JsonElement payload, PayloadSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        switch (selector.Kind)
        {
            case PayloadSelectorKind.None:
                return default;
            case PayloadSelectorKind.All:
                return payload.ValueKind == JsonValueKind.Undefined ? new PayloadObject().ToElement() : payload;
        }

        var root = PayloadObject.FromPayload(payload, "Payload");
        return PayloadFilter.Apply(root, selector).ToElement();
    }

    private static void Merge(PayloadObject destination, PayloadObject source)
    {
        foreach (var (name, value) in source.Entries)
        {
            if (value is PayloadLeaf { IsNull: true })
            {
                destination.Entries.Remove(name);
            }
            else
            {
                destination.Entries[name] = value;
            }
        }
    }

    private static void SetInMap(PayloadObject map, string name, JsonPath path, int item, PayloadObject source)
    {
        map.Entries.TryGetValue(name, out var current);
        map.Entries[name] = SetInValue(current, path, item, source);
    }

    // `item` indexes path.Rest: the steps still to take below `current` (null when the key was missing).
    private static PayloadNode SetInValue(PayloadNode? current, JsonPath path, int item, PayloadObject source)
    {
        if (item == path.Rest.Length)
        {
            var target = current as PayloadObject ?? new PayloadObject();
            Merge(target, source);
            return target;
        }

        var step = path.Rest[item];
        switch (step.Kind)
        {
            case JsonPathItemKind.Key:
            {
                var target = current as PayloadObject ?? new PayloadObject();
                SetInMap(target, step.Key!, path, item + 1, source);
                return target;
            }

            case JsonPathItemKind.Index:
            {
                var target = current as PayloadArray ?? new PayloadArray();
                if (step.Index < (ulong)target.Items.Count)
                {
                    var i = (int)step.Index;
                    target.Items[i] = SetInValue(target.Items[i], path, item + 1, source);
                }

                return target;
            }

            default:
            {
                if (current is not PayloadArray target)
                {
                    return new PayloadArray();
                }

                for (var i = 0; i < target.Items.Count; i++)
                {
                    target.Items[i] = SetInValue(target.Items[i], path, item + 1, source);
                }

                return target;
            }
        }
    }

    private static void Remove(PayloadObject root, JsonPath path)
    {
        if (path.Rest.IsEmpty)
        {
            root.Entries.Remove(path.FirstKey);
        }
        else if (root.Entries.TryGetValue(path.FirstKey, out var value))
        {
            RemoveIn(value, path, 0);
        }
    }

    private static void RemoveIn(PayloadNode value, JsonPath path, int item)
    {
        var step = path.Rest[item];
        var last = item == path.Rest.Length - 1;
        switch (step.Kind)
        {
            case JsonPathItemKind.Key when value is PayloadObject obj:
                if (last)
                {
                    obj.Entries.Remove(step.Key!);
                }
                else if (obj.Entries.TryGetValue(step.Key!, out var child))
                {
                    RemoveIn(child, path, item + 1);
                }

                break;
            case JsonPathItemKind.Index when value is PayloadArray array:
                if (!last && step.Index < (ulong)array.Items.Count)
                {
                    RemoveIn(array.Items[(int)step.Index], path, item + 1);
                }

                break;
            case JsonPathItemKind.Wildcard when value is PayloadArray array:
                if (last)
                {
                    array.Items.Clear();
                }
                else
                {
                    foreach (var element in array.Items)
                    {
                        RemoveIn(element, path, item + 1);
                    }
                }

                break;
        }
    }
}
