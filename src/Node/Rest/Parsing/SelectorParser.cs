using System.Text.Json;
using Citadel.Node.Rest.Json;
using Citadel.Storage.Payloads;
using Citadel.Storage.Search;

namespace Citadel.Node.Rest.Parsing;

/// <summary>Reads <c>with_payload</c> and <c>with_vector</c>.</summary>
internal static class SelectorParser
{
    public static PayloadSelector WithPayload(JNode? node, PayloadSelector fallback)
    {
        if (node is not { } n)
        {
            return fallback;
        }

        switch (n.Kind)
        {
            case JsonValueKind.True:
                return PayloadSelector.All;
            case JsonValueKind.False:
                return PayloadSelector.None;
            case JsonValueKind.Array:
                return PayloadSelector.Include(Paths(n));
            case JsonValueKind.Object when n.Has("include"):
                n.Object("include");
                return PayloadSelector.Include(Paths(n.Required("include")));
            case JsonValueKind.Object when n.Has("exclude"):
                n.Object("exclude");
                return PayloadSelector.Exclude(Paths(n.Required("exclude")));
            default:
                throw n.Invalid("a boolean, a list of keys, or {\"include\": [...]} / {\"exclude\": [...]}");
        }
    }

    public static VectorSelector WithVector(JNode? node, VectorSelector fallback)
    {
        if (node is not { } n)
        {
            return fallback;
        }

        return n.Kind switch
        {
            JsonValueKind.True => VectorSelector.Every,
            JsonValueKind.False => VectorSelector.None,
            JsonValueKind.Array => new VectorSelector(false, n.Items().Select(i => i.String()).ToList()),
            _ => throw n.Invalid("a boolean or a list of vector names"),
        };
    }

    private static List<JsonPath> Paths(JNode node) => node.Items().Select(k => JsonPath.Parse(k.String())).ToList();
}
