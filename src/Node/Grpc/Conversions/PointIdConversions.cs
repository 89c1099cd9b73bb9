using Citadel.Storage.Points;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary><c>qdrant.PointId</c>: the <c>num</c>/<c>uuid</c> oneof, UUIDs parsed in every form Qdrant accepts.</summary>
internal static class PointIdConversions
{
    public static PointId ToDomain(G.PointId? id)
    {
        switch (id?.PointIdOptionsCase)
        {
            case G.PointId.PointIdOptionsOneofCase.Num:
                return PointId.FromNum(id.Num);
            case G.PointId.PointIdOptionsOneofCase.Uuid:
                return PointId.TryParseUuid(id.Uuid, out var parsed)
                    ? parsed
                    : throw GrpcInput.Invalid($"Unable to parse UUID: {GrpcInput.Echo(id.Uuid)}");
            default:
                throw GrpcInput.Invalid("No ID options provided");
        }
    }

    public static List<PointId> ToDomain(IEnumerable<G.PointId> ids) => ids.Select(ToDomain).ToList();

    public static G.PointId ToProto(PointId id) => id.IsUuid ? new G.PointId { Uuid = id.ToString() } : new G.PointId { Num = id.Num };
}
