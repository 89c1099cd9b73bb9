using Citadel.Storage.Operations;
using Citadel.Storage.Payloads;
using Citadel.Storage.Search;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>WithPayloadSelector</c>, <c>WithVectorsSelector</c> and <c>PointsSelector</c>.</summary>
internal static class SelectorConversions
{
    /// <summary>An absent selector means <paramref name="fallback"/>; a present one without a choice is refused, as in Qdrant.</summary>
    public static PayloadSelector WithPayload(G.WithPayloadSelector? selector, PayloadSelector fallback) => selector?.SelectorOptionsCase switch
    {
        null => fallback,
        G.WithPayloadSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? PayloadSelector.All : PayloadSelector.None,
        G.WithPayloadSelector.SelectorOptionsOneofCase.Include => PayloadSelector.Include(Paths(selector.Include.Fields)),
        G.WithPayloadSelector.SelectorOptionsOneofCase.Exclude => PayloadSelector.Exclude(Paths(selector.Exclude.Fields)),
        _ => throw GrpcInput.Invalid("No PayloadSelector"),
    };

    /// <summary>Absent or empty means no vectors (Qdrant's default for every read).</summary>
    public static VectorSelector WithVectors(G.WithVectorsSelector? selector) => selector?.SelectorOptionsCase switch
    {
        G.WithVectorsSelector.SelectorOptionsOneofCase.Enable => selector.Enable ? VectorSelector.Every : VectorSelector.None,
        G.WithVectorsSelector.SelectorOptionsOneofCase.Include => new VectorSelector(false, [.. selector.Include.Names]),
        _ => VectorSelector.None,
    };

    /// <summary>Listed ids or a filter; <paramref name="missing"/> is Qdrant's message for an absent selector.</summary>
    public static PointsSelector Points(G.PointsSelector? selector, string missing) => selector?.PointsSelectorOneOfCase switch
    {
        null => throw GrpcInput.Invalid(missing),
        G.PointsSelector.PointsSelectorOneOfOneofCase.Points => new IdsSelector(PointIdConversions.ToDomain(selector.Points.Ids)),
        G.PointsSelector.PointsSelectorOneOfOneofCase.Filter => new FilterSelector(FilterConversions.ToDomain(selector.Filter)),
        _ => throw GrpcInput.Invalid("Unknown PointSelector"),
    };

    private static List<JsonPath> Paths(IEnumerable<string> keys) => keys.Select(JsonPath.Parse).ToList();
}
