using System.Text.Json;

namespace Citadel.Storage.Payloads;

public sealed partial class JsonPath
{
    /// <summary>
    /// The values at this path, the way Qdrant's conditions see them: <c>[]</c> and <c>[N]</c> steps select array
    /// elements, a key or index that is missing (or meets the wrong kind of value) selects nothing, and an array
    /// found at the end of the path is flattened one level into its elements.
    /// </summary>
    public IReadOnlyList<JsonElement> Values(JsonElement payload)
    {
        var collector = new Collector(flatten: true);
        Visit(payload, ref collector);
        return collector.Values;
    }

    /// <summary>
    /// The values at this path without flattening arrays found at its end (Qdrant's <c>value_get</c>):
    /// what <c>is_empty</c>, <c>is_null</c> and <c>values_count</c> inspect.
    /// </summary>
    public IReadOnlyList<JsonElement> RawValues(JsonElement payload)
    {
        var collector = new Collector(flatten: false);
        Visit(payload, ref collector);
        return collector.Values;
    }

    /// <summary>
    /// Calls <paramref name="visitor"/> for every raw value at this path (as <see cref="RawValues"/>) until it asks
    /// to stop; true when it stopped. Allocates nothing.
    /// </summary>
    internal bool Visit<TVisitor>(JsonElement payload, ref TVisitor visitor)
        where TVisitor : struct, IJsonValueVisitor
    {
        // A missing payload (default element) has no keys, like {}.
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty(_utf8Keys[0]!, out var value))
        {
            return false;
        }

        return VisitFrom(value, 0, ref visitor);
    }

    private bool VisitFrom<TVisitor>(JsonElement value, int item, ref TVisitor visitor)
        where TVisitor : struct, IJsonValueVisitor
    {
        while (item < _rest.Length)
        {
            var step = _rest[item];
            switch (step.Kind)
            {
                case JsonPathItemKind.Key:
                    if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(_utf8Keys[item + 1]!, out value))
                    {
                        return false;
                    }

                    break;
                case JsonPathItemKind.Index:
                    if (value.ValueKind != JsonValueKind.Array || step.Index >= (ulong)value.GetArrayLength())
                    {
                        return false;
                    }

                    value = value[(int)step.Index];
                    break;
                default:
                    if (value.ValueKind != JsonValueKind.Array)
                    {
                        return false;
                    }

                    foreach (var element in value.EnumerateArray())
                    {
                        if (VisitFrom(element, item + 1, ref visitor))
                        {
                            return true;
                        }
                    }

                    return false;
            }

            item++;
        }

        return visitor.Visit(value);
    }

    private struct Collector(bool flatten) : IJsonValueVisitor
    {
        public List<JsonElement> Values { get; } = [];

        public readonly bool Visit(JsonElement value)
        {
            if (flatten && value.ValueKind == JsonValueKind.Array)
            {
                foreach (var element in value.EnumerateArray())
                {
                    Values.Add(element);
                }
            }
            else
            {
                Values.Add(value);
            }

            return false;
        }
    }
}
