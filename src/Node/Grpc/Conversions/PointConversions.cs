using Citadel.Storage.Operations;
using Citadel.Storage.Search;
using G = Citadel.Grpc;

namespace Citadel.Node.Grpc.Conversions;

/// <summary>Points in (<c>PointStruct</c>, <c>PointVectors</c>) and out (<c>ScoredPoint</c>, <c>RetrievedPoint</c>, <c>UpdateResult</c>).</summary>
internal static class PointConversions
{
    public static PointStruct ToDomain(G.PointStruct p) => new(
        PointIdConversions.ToDomain(GrpcInput.Require(p.Id, "Empty ID is not allowed")),
        VectorConversions.ToDomain(GrpcInput.Require(p.Vectors, "Expected some vectors")),
        ValueConversions.Payload(p.Payload));

    public static PointVectors ToDomain(G.PointVectors p) => new(
        PointIdConversions.ToDomain(GrpcInput.Require(p.Id, "id is expected")),
        VectorConversions.ToDomain(GrpcInput.Require(p.Vectors, "vectors is expected")));

    public static G.ScoredPoint ToProto(ScoredPoint p)
    {
        var scored = new G.ScoredPoint { Id = PointIdConversions.ToProto(p.Id), Score = p.Score, Version = p.Version };
        ValueConversions.CopyTo(p.Payload, scored.Payload);
        if (p.Vectors is { } vectors)
        {
            scored.Vectors = VectorConversions.ToProto(vectors);
        }

        if (p.OrderValue is { } ov)
        {
            scored.OrderValue = OrderValue(ov);
        }

        return scored;
    }

    public static G.RetrievedPoint ToProto(PointRecord r)
    {
        var point = new G.RetrievedPoint { Id = PointIdConversions.ToProto(r.Id) };
        ValueConversions.CopyTo(r.Payload, point.Payload);
        if (r.Vectors is { } vectors)
        {
            point.Vectors = VectorConversions.ToProto(vectors);
        }

        if (r.OrderValue is { } ov)
        {
            point.OrderValue = OrderValue(ov);
        }

        return point;
    }

    public static G.UpdateResult ToProto(UpdateResult r) => new()
    {
        OperationId = r.OperationId,
        Status = r.Status == UpdateStatus.Completed ? G.UpdateStatus.Completed : G.UpdateStatus.Acknowledged,
    };

    private static G.OrderValue OrderValue(OrderValue v) => v.IsInteger ? new G.OrderValue { Int = v.AsInteger } : new G.OrderValue { Float = v.Value };
}
