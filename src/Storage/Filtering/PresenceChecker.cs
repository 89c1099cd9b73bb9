using System.Text.Json;
using Citadel.Storage.Payloads;

namespace Citadel.Storage.Filtering;

/// <summary>
/// The <c>is_empty</c> and <c>is_null</c> conditions, on the raw (not flattened) values at the key:
/// <c>check_is_empty</c> / <c>check_is_null</c> in <c>lib/segment/src/common/utils.rs</c>.
/// </summary>
internal static class PresenceChecker
{
    /// <summary>Every value at the key is null or an empty array; true when the key is missing.</summary>
    public static bool IsEmpty(JsonPath key, JsonElement payload)
    {
        var visitor = default(NonEmptyFinder);
        return !key.Visit(payload, ref visitor);
    }

    /// <summary>
    /// Some value at the key is null, or an array with a null element (one level deep, as Qdrant 1.19.1's fix
    /// qdrant#10101 made it agree with the field form and the null index); false when the key is missing.
    /// </summary>
    public static bool IsNull(JsonPath key, JsonElement payload)
    {
        var visitor = default(NullFinder);
        return key.Visit(payload, ref visitor);
    }

    /// <summary>The field form <c>is_empty: bool</c> on one value (<c>check_is_empty</c> in condition_checker.rs).</summary>
    public static bool ValueIsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => true,
        JsonValueKind.Array => value.GetArrayLength() == 0,
        _ => false,
    };

    /// <summary>The field form <c>is_null: bool</c> on one value: null, or an array holding a null.</summary>
    public static bool ValueIsNull(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.Array:
                foreach (var element in value.EnumerateArray())
                {
                    if (element.ValueKind == JsonValueKind.Null)
                    {
                        return true;
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private readonly struct NonEmptyFinder : IJsonValueVisitor
    {
        public bool Visit(JsonElement value) => !ValueIsEmpty(value);
    }

    private readonly struct NullFinder : IJsonValueVisitor
    {
        public bool Visit(JsonElement value) => ValueIsNull(value);
    }
}
