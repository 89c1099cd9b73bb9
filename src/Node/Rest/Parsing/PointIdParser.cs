using System.Text.Json;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Points;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads Qdrant's <c>ExtendedPointId</c>: an unsigned integer or a UUID string.</summary>
internal static class PointIdParser
{
    public static PointId Parse(JNode node)
    {
        switch (node.Kind)
        {
            case JsonValueKind.Number:
                if (node.Element.TryGetUInt64(out var n))
                {
                    return PointId.FromNum(n);
                }

                throw node.InvalidValue($"invalid point id {node.Element.GetRawText()}: expected an unsigned integer or a UUID");
            case JsonValueKind.String:
                var text = node.String();
                return PointId.TryParseUuid(text, out var id)
                    ? id
                    : throw node.InvalidValue($"Unable to parse UUID: {text}");
            default:
                throw node.Invalid("an unsigned integer or a UUID");
        }
    }

    public static List<PointId> ParseList(JNode node) => node.Items().Select(Parse).ToList();
}
